/**
 * What an interrupted non-transactional step leaves for the next run to
 * report: its unfinished log row, INVALID indexes (from CREATE INDEX
 * CONCURRENTLY), and whether a migration still holds the lock.
 */
import type { Executor } from "../../../db/types";
import type { RuntimeTables, UnfinishedStep } from "../../runtime";
import { qualified } from "../quote";
import { asDirection } from "../../log-rows";

export async function readUnfinishedSteps(executor: Executor, tables: RuntimeTables): Promise<UnfinishedStep[]> {
  const log = qualified(tables.log);
  const result = await executor.query<{ revision: string; direction: string; started_at: Date | string }>(
    `SELECT l.revision, l.direction, l.started_at FROM ${log} l WHERE l.finished_at IS NULL ` +
      `AND NOT EXISTS (SELECT 1 FROM ${log} m WHERE m.revision = l.revision AND m.id > l.id) ORDER BY l.id`,
  );
  return result.rows.map((row) => ({ revision: row.revision, direction: asDirection(row.direction), startedAt: new Date(row.started_at) }));
}

/** Every INVALID index, as schema.name (system schemas aside). */
export async function readInvalidIndexes(executor: Executor): Promise<string[]> {
  const result = await executor.query<{ name: string }>(
    "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name FROM pg_index i " +
      "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
      "WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' ORDER BY 1",
  );
  return result.rows.map((row) => row.name);
}

/** A bigint advisory key shows in pg_locks as classid (high half) and objid (low half), objsubid 1. */
export async function migrationLockHeld(executor: Executor, key: bigint): Promise<boolean> {
  const result = await executor.query<{ held: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 " +
      "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
      "AND ((classid::bigint << 32) | objid::bigint) = $1::bigint) AS held",
    [key.toString()],
  );
  return result.rows[0]?.held === true;
}
