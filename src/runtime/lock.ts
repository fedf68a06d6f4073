/**
 * The advisory-lock key of a version table: a stable 64-bit hash of its
 * schema and name, so every runner against the same table (whatever process,
 * whatever machine) contends for the same lock, and two projects with
 * different version tables in one database do not block each other.
 */
import { createHash } from "node:crypto";
import type { QualifiedName } from "../model/types";

export function lockKey(version: QualifiedName): bigint {
  const digest = createHash("sha256").update(`migrator\0${version.schema}\0${version.name}`).digest();
  return digest.readBigInt64BE(0);
}
