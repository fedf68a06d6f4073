/**
 * Every database test runs on both backends: the PostgreSQL server (when one
 * answers) and PGlite (always). Each call of `withDatabase` gets a database of
 * its own, created before and dropped after.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { closeKeptEmbedded, connectEmbedded } from "../../src/dialect/postgres/connection/embedded";
import { connectServer } from "../../src/dialect/postgres/connection/server";
import type { Executor } from "../../src/db/types";
import "./global-setup";

export type Backend = { readonly name: "pglite" } | { readonly name: "server"; readonly adminUrl: string };

export interface TestDatabase {
  readonly executor: Executor;
  readonly backend: Backend["name"];
  /** Connection URL of this database (server backend only): for TypeORM, pg_dump or a CLI process. */
  readonly url: string | null;
  /** PGlite data folder (embedded backend, when asked for with `onDisk`). */
  readonly dataDir: string | null;
}

/** The backends this run tests against, for `describe.each`. */
export function backendsUnderTest(): Backend[] {
  const adminUrl = inject("serverUrl");
  const backends: Backend[] = [{ name: "pglite" }];
  if (adminUrl) backends.push({ name: "server", adminUrl });
  return backends;
}

/** The server's admin URL, or null when no server answers (for server-only tests). */
export function serverUrl(): string | null {
  return inject("serverUrl");
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withDatabase<T>(
  backend: Backend,
  fn: (db: TestDatabase) => Promise<T>,
  options: { onDisk?: string } = {},
): Promise<T> {
  if (backend.name === "pglite") {
    const executor = await connectEmbedded(options.onDisk ?? null, options.onDisk ? {} : { loadDataDir: pgliteTemplate() });
    try {
      return await fn({ executor, backend: "pglite", url: null, dataDir: options.onDisk ?? null });
    } finally {
      await executor.close().catch(() => undefined);
      if (options.onDisk) await closeKeptEmbedded(options.onDisk);
    }
  }
  const name = `migrator_test_${randomBytes(6).toString("hex")}`;
  const admin = await connectServer(backend.adminUrl, "migrator-tests");
  try {
    await admin.exec(`CREATE DATABASE "${name}"`);
    const url = databaseUrl(backend.adminUrl, name);
    const executor = await connectServer(url, "migrator-tests");
    try {
      return await fn({ executor, backend: "server", url, dataDir: null });
    } finally {
      await executor.close().catch(() => undefined);
    }
  } finally {
    await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.close().catch(() => undefined);
  }
}

// Made once per run by the global setup (a fresh PGlite takes seconds to initialise).
let template: Blob | undefined;
function pgliteTemplate(): Blob {
  template ??= new Blob([readFileSync(inject("pgliteTemplate"))]);
  return template;
}
