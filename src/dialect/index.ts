/**
 * The one place that names a database product: which Dialect a database
 * config means. Everything else (compare, runtime, commands, api, the CLI)
 * reaches a database only through the object chosen here.
 */
import type { DatabaseConfig } from "../db/types";
import { ConfigError } from "../errors";
import type { Dialect } from "./dialect";
import { asPrivilegeErrorOf } from "./lazy-dialect";
import { mysql } from "./mysql/dialect";
import { postgres } from "./postgres/dialect";

export type { Dialect } from "./dialect";
export { postgres };

/** Every dialect migrator has (a raw driver error of either is read by asPrivilegeError). */
export const dialects: readonly Dialect[] = [postgres, mysql];

const BY_SCHEME = new Map<string, Dialect>([
  ["postgres", postgres],
  ["postgresql", postgres],
  ["mysql", mysql],
  ["mariadb", mysql],
]);

/** TypeORM DataSource `type`s migrator knows, by dialect. */
const BY_DATASOURCE_TYPE = new Map<string, Dialect>([
  ["postgres", postgres],
  ["mysql", mysql],
  ["mariadb", mysql],
]);

/**
 * The dialect of a database config: a URL by its scheme, a DataSource's
 * server by its `type`, the embedded database is PostgreSQL (PGlite). A URL
 * without a scheme is left to PostgreSQL's connect, which reports it as not
 * a URL when a command connects. Only the scheme is named in messages: the
 * rest of a URL may hold a password.
 */
export function dialectFor(database: DatabaseConfig): Dialect {
  if ("embedded" in database) return postgres;
  if ("server" in database) return BY_DATASOURCE_TYPE.get(database.server.type ?? "postgres") ?? postgres;
  const scheme = urlScheme(database.url);
  if (scheme === undefined) return postgres;
  const chosen = BY_SCHEME.get(scheme);
  if (chosen !== undefined) return chosen;
  throw new ConfigError(`database url: unknown scheme ${scheme}://`, {
    hint: "expected postgres:// (or postgresql://) for PostgreSQL, mysql:// or mariadb:// for MySQL and MariaDB",
  });
}

/** A TypeORM DataSource `type` migrator can work with. */
export function knownDataSourceType(type: unknown): type is "postgres" | "mysql" | "mariadb" {
  return typeof type === "string" && BY_DATASOURCE_TYPE.has(type);
}

/** `mysql` of `mysql://...`, lower-cased; undefined when the text has no scheme. */
function urlScheme(url: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
}

/**
 * A driver's raw privilege refusal as a user error, whichever database
 * refused; anything else as it is. A dialect whose parts were never loaded
 * is asked without loading them (lazy-dialect.ts).
 */
export function asPrivilegeError(error: unknown): unknown {
  return dialects.reduce((seen, dialect) => asPrivilegeErrorOf(dialect, seen), error);
}
