/** What a MySQL or MariaDB session says about itself: the database it is in, the product and its version. */
import type { Executor } from "../../../db/types";

export interface SessionFacts {
  /** DATABASE(): the schema the model calls DEFAULT_SCHEMA. */
  readonly database: string;
  /** `10.11.6` (the numeric part of VERSION()). */
  readonly version: string;
  /** VERSION() as the server says it (`10.11.6-MariaDB-0+deb12u1`). */
  readonly versionText: string;
  readonly mariadb: boolean;
}

export async function sessionFacts(executor: Executor): Promise<SessionFacts> {
  const { rows } = await executor.query<{ db: string | null; version: string }>("SELECT DATABASE() AS db, VERSION() AS version");
  return factsFrom(rows[0]);
}

/** The facts from a row of `DATABASE() AS db, VERSION() AS version`. */
export function factsFrom(row: { readonly db?: unknown; readonly version?: unknown } | undefined): SessionFacts {
  if (row === undefined || row.db === null || row.db === undefined) {
    throw new Error("the MySQL session has no current database: the connection URL must name one");
  }
  const full = String(row.version);
  return { database: String(row.db), version: full.replace(/^([\d.]+).*$/s, "$1"), versionText: full, mariadb: /mariadb/i.test(full) };
}
