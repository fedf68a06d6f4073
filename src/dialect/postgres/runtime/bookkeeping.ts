/**
 * A step's bookkeeping (its version-row changes and its log row) as one
 * statement with every value written as a literal, so it can travel in one
 * simple-protocol message together with COMMIT and the next BEGIN (a message
 * of several statements cannot carry parameters). A version-row change that
 * touches no row makes the statement fail, so the transaction cannot commit;
 * the error text says which changes were off.
 */
import { hostname } from "node:os";
import type { RuntimeTables, StepRecord, VersionRowChange } from "../../runtime";
import { MIGRATOR_VERSION } from "../../../version";
import { qualified, quoteLiteral } from "../quote";
import { versionChangeSql } from "./version-change";

const CHECK_MARK = "migrator version check:";

/** os.hostname() is a system call: once per process, not once per step. */
let host: string | undefined;
const clientHost = (): string => (host ??= quoteLiteral(hostname()));

/**
 * Written and committed before a non-transactional step's first statement:
 * finished_at stays NULL until the step's bookkeeping completes it, so a run
 * killed in between leaves a trace. Returns the row's id.
 */
export function startStepSql(tables: RuntimeTables, entry: Omit<StepRecord, "clientMs" | "startedRow">): string {
  return (
    `INSERT INTO ${qualified(tables.log)} ` +
    "(revision, direction, started_at, finished_at, duration_ms, checksum, client_host, client_app, migrator_version) " +
    `VALUES (${quoteLiteral(entry.revision)}, ${quoteLiteral(entry.direction)}, ${quoteLiteral(entry.startedAt.toISOString())}::timestamptz, NULL, NULL, ` +
    `${entry.checksum === null ? "NULL" : quoteLiteral(entry.checksum)}, ${clientHost()}, current_setting('application_name'), ${quoteLiteral(MIGRATOR_VERSION)}) ` +
    "RETURNING id::text AS id"
  );
}

/** `WITH c0 AS (...), l AS (INSERT INTO log ...) SELECT <fails unless every change touched one row>`. */
export function recordStepSql(tables: RuntimeTables, changes: readonly VersionRowChange[], entry: StepRecord): string {
  const version = qualified(tables.version);
  const ctes = changes.map((change, i) => `c${i} AS (${versionChangeSql(version, change, quoteLiteral)} RETURNING 1)`);
  const started = `${quoteLiteral(entry.startedAt.toISOString())}::timestamptz`;
  // VALUES rather than INSERT ... SELECT: about a third of the statement's cost on the server
  const elapsedMs = `(${Math.max(0, entry.clientMs).toFixed(3)} + date_part('epoch', clock_timestamp() - statement_timestamp()) * 1000)`;
  if (entry.startedRow !== undefined) {
    ctes.push(
      `l AS (UPDATE ${qualified(tables.log)} SET finished_at = ${started} + ${elapsedMs} * interval '1 millisecond', ` +
        `duration_ms = round(${elapsedMs})::int WHERE id = ${quoteLiteral(entry.startedRow)}::bigint RETURNING 1)`,
    );
  } else {
    ctes.push(
      `l AS (INSERT INTO ${qualified(tables.log)} ` +
        "(revision, direction, started_at, finished_at, duration_ms, checksum, client_host, client_app, migrator_version) " +
        `VALUES (${quoteLiteral(entry.revision)}, ${quoteLiteral(entry.direction)}, ${started}, ${started} + ${elapsedMs} * interval '1 millisecond', ` +
        `round(${elapsedMs})::int, ${entry.checksum === null ? "NULL" : quoteLiteral(entry.checksum)}, ${clientHost()}, ` +
        `current_setting('application_name'), ${quoteLiteral(MIGRATOR_VERSION)}) RETURNING 1)`,
    );
  }
  if (changes.length === 0) return `WITH ${ctes.join(", ")} SELECT 1`;
  const counts = changes.map((_, i) => `(SELECT count(*) FROM c${i})`);
  // the cast of a text that is no number is PostgreSQL's way to fail from inside a query
  return (
    `WITH ${ctes.join(", ")} SELECT CASE WHEN ${counts.map((c) => `${c} = 1`).join(" AND ")} THEN 0 ` +
    `ELSE (${quoteLiteral(`${CHECK_MARK} `)} || concat_ws(' ', ${counts.join(", ")}))::int END AS version_check`
  );
}

export function versionCheckFailure(error: unknown, changes: readonly VersionRowChange[]): VersionRowChange[] | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(CHECK_MARK);
  if (at < 0) return undefined;
  const counts = (/^[\d ]*/.exec(message.slice(at + CHECK_MARK.length).trim())?.[0] ?? "").trim().split(" ").map(Number);
  return changes.filter((_, i) => counts[i] !== 1);
}
