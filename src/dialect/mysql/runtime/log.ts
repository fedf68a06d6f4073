/** Reading the log table for `migrator log`, and the row `validate --accept` adds. */
import type { Executor } from "../../../db/types";
import type { AcceptedChecksum, LoggedStep, RuntimeTables } from "../../runtime";
import { statement, type Statement } from "../../statement";
import { qualified } from "./quote";
import { asDate, asDirection } from "./tables";

type Row = {
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

export async function readLog(executor: Executor, tables: RuntimeTables, limit: number | null): Promise<LoggedStep[]> {
  const result = await executor.query<Row>(
    "SELECT revision, direction, started_at, finished_at, duration_ms, db_user, client_host, client_app, migrator_version " +
      `FROM ${qualified(tables.log)} ORDER BY started_at DESC, id DESC${limit === null ? "" : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`,
  );
  return result.rows.map((row) => ({
    revision: row.revision,
    direction: asDirection(row.direction),
    startedAt: asDate(row.started_at),
    finishedAt: row.finished_at === null ? null : asDate(row.finished_at),
    durationMs: row.duration_ms,
    user: row.db_user,
    host: row.client_host,
    application: row.client_app,
    migratorVersion: row.migrator_version,
  }));
}

export function acceptChecksumStatement(tables: RuntimeTables, accepted: AcceptedChecksum): Statement {
  return statement(
    `INSERT INTO ${qualified(tables.log)} (revision, direction, started_at, finished_at, duration_ms, checksum, db_user, client_host, client_app, migrator_version) ` +
      "VALUES (?, 'up', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 0, ?, CURRENT_USER(), ?, ?, ?)",
    { params: [accepted.revision, accepted.checksum, accepted.host, accepted.application, accepted.migratorVersion] },
  );
}
