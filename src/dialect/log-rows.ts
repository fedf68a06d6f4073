/**
 * The log table's rows as every dialect reads them back: the same columns,
 * the same step. Only how a driver hands over a timestamp differs (pg: a
 * Date; mysql2: a Date or a UTC text), so the dialect passes that in.
 */
import type { Direction, LoggedStep } from "./runtime";

/** The log table's columns `migrator log` shows. */
export type LogTableRow = {
  revision: string;
  direction: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number | null;
  db_user: string;
  client_host: string | null;
  client_app: string | null;
  migrator_version: string | null;
};

/** The columns of LogTableRow, in its order, for a SELECT list. */
export const LOG_TABLE_COLUMNS = "revision, direction, started_at, finished_at, duration_ms, db_user, client_host, client_app, migrator_version";

export function asDirection(text: string): Direction {
  return text === "down" ? "down" : "up";
}

export function loggedStep(row: LogTableRow, toDate: (value: Date | string) => Date): LoggedStep {
  return {
    revision: row.revision,
    direction: asDirection(row.direction),
    startedAt: toDate(row.started_at),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
    durationMs: row.duration_ms,
    user: row.db_user,
    host: row.client_host,
    application: row.client_app,
    migratorVersion: row.migrator_version,
  };
}
