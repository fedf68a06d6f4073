/**
 * What an offline script writes for the server to run later: log rows
 * (times taken by the server then) and each step's guard. Every step of a
 * MySQL script runs outside a transaction, so each records its start first
 * and its finish after its statements, as online.
 */
import type { Direction, RuntimeTables } from "../../runtime";
import { statement, type Statement } from "../../statement";
import { MIGRATOR_VERSION } from "../../../version";
import { failUnless } from "./fail-unless";
import { qualified, quoteLiteral } from "./quote";

const COLUMNS = "(revision, direction, started_at, finished_at, duration_ms, checksum, db_user, client_app, migrator_version)";

export function offlineLogStatement(tables: RuntimeTables, revision: string, direction: Direction, checksum: string | null): Statement {
  return statement(
    `INSERT INTO ${qualified(tables.log)} ${COLUMNS} VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 0, ?, CURRENT_USER(), 'migrator', ?)`,
    { params: [revision, direction, checksum, MIGRATOR_VERSION] },
  );
}

export function offlineStartStatement(tables: RuntimeTables, revision: string, direction: Direction, checksum: string | null): Statement {
  return statement(
    `INSERT INTO ${qualified(tables.log)} ${COLUMNS} VALUES (?, ?, UTC_TIMESTAMP(6), NULL, NULL, ?, CURRENT_USER(), 'migrator', ?)`,
    { params: [revision, direction, checksum, MIGRATOR_VERSION] },
  );
}

/** MySQL may not read the table an UPDATE changes in a subquery: the newest unfinished row by ORDER BY ... LIMIT 1. */
export function offlineFinishStatement(tables: RuntimeTables, revision: string, direction: Direction): Statement {
  return statement(
    `UPDATE ${qualified(tables.log)} SET finished_at = UTC_TIMESTAMP(6), duration_ms = TIMESTAMPDIFF(MICROSECOND, started_at, UTC_TIMESTAMP(6)) DIV 1000 ` +
      "WHERE revision = ? AND direction = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
    { params: [revision, direction] },
  );
}

/**
 * Stops the script (the mysql client stops at an error unless --force)
 * unless the version rows it knows of are exactly `expected`. The error
 * holds only the rows found, so a comment line above says the rest.
 */
export function offlineGuardSql(
  tables: RuntimeTables,
  step: { revision: string; direction: Direction },
  expectedRows: readonly string[],
  knownRows: readonly string[],
): string {
  const expected = byteOrder(expectedRows);
  const known = byteOrder(knownRows);
  const verb = step.direction === "up" ? "upgrade" : "downgrade";
  const where = known.length === 0 ? "FALSE" : `version_num IN (${known.map(quoteLiteral).join(", ")})`;
  const atRows = `COALESCE((SELECT GROUP_CONCAT(version_num ORDER BY version_num SEPARATOR ', ') FROM ${qualified(tables.version)} WHERE ${where}), 'base')`;
  const want = expected.length === 0 ? "base" : expected.join(", ");
  const reason = `-- the ${verb} of revision ${step.revision} expects the version table at ${want}: the next statement fails ("Duplicate entry '~at ...'") when it is elsewhere (this script has run here already, or the database is at another revision: see migrator current)`;
  return `${reason.replace(/[\r\n]/g, " ")}\n${failUnless(qualified(tables.version), `${atRows} = ${quoteLiteral(want)}`, `CONCAT('at ', ${atRows})`)}`;
}

/** Sorted as utf8mb4_bin sorts: by UTF-8 bytes. */
function byteOrder(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}
