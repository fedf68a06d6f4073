import { resolve } from "node:path";
import { ConfigError } from "../../../errors";
import { withPrivilegeErrors } from "./privilege";
import type { DatabaseConfig, Executor } from "../../../db/types";

/** Open the database a config names: a server by url, or the embedded one in its folder. */
export async function connect(database: DatabaseConfig, root: string): Promise<Executor> {
  if ("url" in database) {
    checkScheme(database.url);
    const { connectServer } = await import("./server");
    return connectServer(database.url);
  }
  if ("server" in database) {
    const { connectServer } = await import("./server");
    return connectServer(database.server);
  }
  const { connectEmbedded } = await import("./embedded");
  return connectEmbedded(resolve(root, database.embedded));
}

const POSTGRES_SCHEMES = new Set(["postgres", "postgresql"]);
const NOT_YET = new Set(["mysql", "mariadb"]);

/**
 * Only PostgreSQL URLs: pg reads any URL as a PostgreSQL one, so `mysql://`
 * or `http://` would otherwise be tried against a PostgreSQL server (and fail
 * obscurely, or succeed on one that happens to listen there). Only the scheme
 * is named in the message: the rest of the URL may hold a password.
 */
export function checkScheme(url: string): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || POSTGRES_SCHEMES.has(scheme)) return; // no scheme: server.ts reports an invalid URL
  if (NOT_YET.has(scheme)) {
    throw new ConfigError(`database url: ${scheme} is not supported yet (migrator runs on PostgreSQL)`, {
      hint: "use a postgres:// URL, or { embedded: \".migrator/db\" } for the embedded PostgreSQL",
    });
  }
  throw new ConfigError(`database url: the scheme ${scheme}:// is not a PostgreSQL one`, {
    hint: "expected postgres://user:password@host:5432/database (or postgresql://)",
  });
}

/** Run `fn` with a connection that is always closed afterwards; a refused privilege comes out as a PrivilegeError. */
export async function withConnection<T>(database: DatabaseConfig, root: string, fn: (executor: Executor) => Promise<T>): Promise<T> {
  const executor = await connect(database, root);
  try {
    return await withPrivilegeErrors(() => fn(executor));
  } finally {
    await executor.close().catch(() => undefined);
  }
}
