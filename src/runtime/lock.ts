/**
 * The migration lock: a session-level advisory lock whose key is a stable
 * 64-bit hash of the version table's schema and name, so every runner against
 * the same table (whatever process or machine) contends for it, and projects
 * with different version tables in one database do not block each other.
 * Taking it is the executor's job (withAdvisoryLock polls, so a waiter holds
 * no snapshot that CREATE INDEX CONCURRENTLY in the holder would wait for).
 */
import { createHash } from "node:crypto";
import type { QualifiedName } from "../model/types";

export function lockKey(version: QualifiedName): bigint {
  const digest = createHash("sha256").update(`migrator\0${version.schema}\0${version.name}`).digest();
  return digest.readBigInt64BE(0);
}

