/** Reading the log table for `migrator log`, and the row `validate --accept` adds. */
import type { Executor } from "../../../db/types";
import type { AcceptedChecksum, LoggedStep, RuntimeTables } from "../../runtime";
import { statement, type Statement } from "../../statement";
import { qualified } from "../quote";
import { LOG_TABLE_COLUMNS, loggedStep, type LogTableRow } from "../../log-rows";

export async function readLog(executor: Executor, tables: RuntimeTables, limit: number | null): Promise<LoggedStep[]> {
  // LIMIT NULL is no limit
  const result = await executor.query<LogTableRow>(`SELECT ${LOG_TABLE_COLUMNS} FROM ${qualified(tables.log)} ORDER BY started_at DESC, id DESC LIMIT $1`, [limit]);
  return result.rows.map((row) => loggedStep(row, (value) => new Date(value)));
}

export function acceptChecksumStatement(tables: RuntimeTables, accepted: AcceptedChecksum): Statement {
  return statement(
    `INSERT INTO ${qualified(tables.log)} (revision, direction, started_at, finished_at, duration_ms, checksum, client_host, client_app, migrator_version) ` +
      "VALUES ($1, 'up', now(), now(), 0, $2, $3, $4, $5)",
    { params: [accepted.revision, accepted.checksum, accepted.host, accepted.application, accepted.migratorVersion] },
  );
}
