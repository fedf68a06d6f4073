/**
 * The one place that names a database product: which Dialect a database
 * config means. Everything else (compare, runtime, commands, api, the CLI)
 * reaches PostgreSQL only through the object chosen here.
 */
import type { DatabaseConfig } from "../db/types";
import type { Dialect } from "./dialect";
import { postgres } from "./postgres/dialect";

export type { Dialect } from "./dialect";
export { postgres };

/** Every dialect migrator has. */
export const dialects: readonly Dialect[] = [postgres];

/**
 * The dialect of a database config. Every config means PostgreSQL today:
 * postgres:// URLs, a DataSource's server parts and the embedded database.
 * A URL of another scheme is refused when connecting, not here, so commands
 * that never connect (heads, --sql) still run.
 */
export function dialectFor(_database: DatabaseConfig): Dialect {
  return postgres;
}

/** A driver's raw privilege refusal as a user error, whichever database refused; anything else as it is. */
export function asPrivilegeError(error: unknown): unknown {
  return dialects.reduce((seen, dialect) => dialect.runtime.asPrivilegeError(seen), error);
}
