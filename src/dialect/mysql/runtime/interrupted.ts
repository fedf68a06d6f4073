/**
 * What an interrupted step leaves for the next run to report: its
 * unfinished log row with the count of statements it ran, and whether a
 * migration still holds the lock. MySQL has no INVALID indexes: a failed
 * index build leaves no index.
 */
import type { Executor } from "../../../db/types";
import type { RuntimeTables, UnfinishedStep } from "../../runtime";
import { lockHeld } from "../connection/lock";
import { qualified } from "./quote";
import { asDirection } from "../../log-rows";
import { asDate } from "./tables";

export async function readUnfinishedSteps(executor: Executor, tables: RuntimeTables): Promise<UnfinishedStep[]> {
  const log = qualified(tables.log);
  const result = await executor.query<{ revision: string; direction: string; started_at: Date | string; statements_done: number | null }>(
    `SELECT l.revision, l.direction, l.started_at, l.statements_done FROM ${log} l WHERE l.finished_at IS NULL ` +
      `AND NOT EXISTS (SELECT 1 FROM ${log} m WHERE m.revision = l.revision AND m.id > l.id) ORDER BY l.id`,
  );
  return result.rows.map((row) => ({
    revision: row.revision,
    direction: asDirection(row.direction),
    startedAt: asDate(row.started_at),
    ...(row.statements_done === null ? {} : { statementsDone: Number(row.statements_done) }),
  }));
}

export async function readInvalidIndexes(_executor: Executor): Promise<string[]> {
  return [];
}

export function migrationLockHeld(executor: Executor, key: bigint): Promise<boolean> {
  return lockHeld(executor, key);
}
