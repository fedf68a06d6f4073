/** Reading the log table for `migrator log`, and the row `validate --accept` adds. */
import type { Executor } from "../../../db/types";
import type { AcceptedChecksum, LoggedStep, RuntimeTables } from "../../runtime";
import { statement, type Statement } from "../../statement";
import { qualified } from "./quote";
import { LOG_TABLE_COLUMNS, loggedStep, type LogTableRow } from "../../log-rows";
import { asDate } from "./tables";

export async function readLog(executor: Executor, tables: RuntimeTables, limit: number | null): Promise<LoggedStep[]> {
  const result = await executor.query<LogTableRow>(
    `SELECT ${LOG_TABLE_COLUMNS} FROM ${qualified(tables.log)} ORDER BY started_at DESC, id DESC${limit === null ? "" : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`,
  );
  return result.rows.map((row) => loggedStep(row, asDate));
}

export function acceptChecksumStatement(tables: RuntimeTables, accepted: AcceptedChecksum): Statement {
  return statement(
    `INSERT INTO ${qualified(tables.log)} (revision, direction, started_at, finished_at, duration_ms, checksum, db_user, client_host, client_app, migrator_version) ` +
      "VALUES (?, 'up', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 0, ?, CURRENT_USER(), ?, ?, ?)",
    { params: [accepted.revision, accepted.checksum, accepted.host, accepted.application, accepted.migratorVersion] },
  );
}
