/**
 * A step's bookkeeping. Every step on MySQL runs outside a transaction (its
 * DDL commits statement by statement), so each starts with a committed log
 * row (startStepSql), counts its statements in it as they finish
 * (stepProgressSql), and ends with one message that checks the version rows,
 * changes them and completes the log row in a transaction of its own
 * (recordStepSql): the version row is written only when the step has run whole.
 */
import { hostname } from "node:os";
import type { RuntimeTables, StepRecord, VersionRowChange } from "../../runtime";
import { MIGRATOR_VERSION } from "../../../version";
import { failUnless, failureNote } from "./fail-unless";
import { qualified, quoteLiteral, utcDatetime } from "./quote";
import { versionChangeSql } from "./version-change";

const CHECK_MARK = "mvc:";

let host: string | undefined;
const clientHost = (): string => (host ??= quoteLiteral(hostname()));

const COLUMNS = "(revision, direction, started_at, finished_at, duration_ms, checksum, db_user, client_host, client_app, migrator_version, statements_done)";

/** The unfinished log row, committed before the step's first statement; the query's last result is its `id`. */
export function startStepSql(tables: RuntimeTables, entry: Omit<StepRecord, "clientMs" | "startedRow">): string {
  return (
    `INSERT INTO ${qualified(tables.log)} ${COLUMNS} VALUES (${quoteLiteral(entry.revision)}, ${quoteLiteral(entry.direction)}, ` +
    `${utcDatetime(entry.startedAt)}, NULL, NULL, ${checksum(entry.checksum)}, CURRENT_USER(), ${clientHost()}, 'migrator', ${quoteLiteral(MIGRATOR_VERSION)}, 0); ` +
    "SELECT CAST(LAST_INSERT_ID() AS CHAR) AS id"
  );
}

/** After each statement of a step: how many have finished. */
export function stepProgressSql(tables: RuntimeTables, startedRow: string, done: number): string {
  return `UPDATE ${qualified(tables.log)} SET statements_done = ${Math.floor(done)} WHERE id = ${rowId(startedRow)}`;
}

/**
 * `START TRANSACTION; <check>; <changes>; <log row>; COMMIT`. The check
 * comes first, so a failing one leaves nothing changed: an insert needs its
 * row absent, a delete or update its row present.
 */
export function recordStepSql(tables: RuntimeTables, changes: readonly VersionRowChange[], entry: StepRecord): string {
  const version = qualified(tables.version);
  const log = qualified(tables.log);
  const started = utcDatetime(entry.startedAt);
  const elapsedMs = Math.max(0, entry.clientMs);
  const finished = `TIMESTAMPADD(MICROSECOND, ${Math.round(elapsedMs * 1000)}, ${started})`;
  const statements = ["START TRANSACTION"];
  if (changes.length > 0) {
    const bits = changes.map((change) => {
      const row = change.kind === "update" ? change.from : change.revision;
      const found = `EXISTS (SELECT 1 FROM ${version} WHERE version_num = ${quoteLiteral(row)})`;
      return change.kind === "insert" ? `NOT ${found}` : found;
    });
    const note = `CONCAT(${quoteLiteral(CHECK_MARK)}, ${bits.map((bit) => `IF(${bit}, '1', '0')`).join(", ")})`;
    statements.push(failUnless(version, bits.join(" AND "), note));
    for (const change of changes) statements.push(versionChangeSql(version, change, quoteLiteral));
  }
  if (entry.startedRow !== undefined) {
    statements.push(`UPDATE ${log} SET finished_at = ${finished}, duration_ms = ${Math.round(elapsedMs)} WHERE id = ${rowId(entry.startedRow)}`);
  } else {
    statements.push(
      `INSERT INTO ${log} ${COLUMNS} VALUES (${quoteLiteral(entry.revision)}, ${quoteLiteral(entry.direction)}, ${started}, ${finished}, ` +
        `${Math.round(elapsedMs)}, ${checksum(entry.checksum)}, CURRENT_USER(), ${clientHost()}, 'migrator', ${quoteLiteral(MIGRATOR_VERSION)}, NULL)`,
    );
  }
  statements.push("COMMIT");
  return statements.join(";\n");
}

export function versionCheckFailure(error: unknown, changes: readonly VersionRowChange[]): VersionRowChange[] | undefined {
  const note = failureNote(error);
  if (note === undefined || !note.startsWith(CHECK_MARK)) return undefined;
  const bits = note.slice(CHECK_MARK.length);
  // beyond what a note holds (64 characters), a change is not known to be off
  return changes.filter((_, i) => bits[i] === "0");
}

function checksum(value: string | null): string {
  return value === null ? "NULL" : quoteLiteral(value);
}

/** A log row id as the SQL number it is (it came from LAST_INSERT_ID). */
function rowId(id: string): string {
  if (!/^\d+$/.test(id)) throw new Error(`not a log row id: ${id}`);
  return id;
}
