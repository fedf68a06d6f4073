/**
 * The log rows an offline script writes when it runs: times are taken by
 * the server then, as the script is printed long before.
 */
import type { Direction, RuntimeTables } from "../../runtime";
import { statement, type Statement } from "../../statement";
import { MIGRATOR_VERSION } from "../../../version";
import { qualified } from "../quote";

const COLUMNS = "(revision, direction, started_at, finished_at, duration_ms, checksum, client_app, migrator_version)";

export function offlineLogStatement(tables: RuntimeTables, revision: string, direction: Direction, checksum: string | null): Statement {
  return statement(
    `INSERT INTO ${qualified(tables.log)} ${COLUMNS} ` +
      "VALUES ($1, $2, now(), clock_timestamp(), (extract(epoch FROM clock_timestamp() - now()) * 1000)::int, $3, " +
      "current_setting('application_name'), $4)",
    { params: [revision, direction, checksum, MIGRATOR_VERSION] },
  );
}

/** Before a non-transactional step: no finish yet, so a script stopped half-way leaves a trace. */
export function offlineStartStatement(tables: RuntimeTables, revision: string, direction: Direction, checksum: string | null): Statement {
  return statement(
    `INSERT INTO ${qualified(tables.log)} ${COLUMNS} ` +
      "VALUES ($1, $2, clock_timestamp(), NULL, NULL, $3, current_setting('application_name'), $4)",
    { params: [revision, direction, checksum, MIGRATOR_VERSION] },
  );
}

export function offlineFinishStatement(tables: RuntimeTables, revision: string, direction: Direction): Statement {
  const log = qualified(tables.log);
  return statement(
    `UPDATE ${log} SET finished_at = clock_timestamp(), duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::int ` +
      `WHERE id = (SELECT max(id) FROM ${log} WHERE revision = $1 AND direction = $2 AND finished_at IS NULL)`,
    { params: [revision, direction] },
  );
}
