/**
 * A step's bookkeeping (its version-row changes and its log row) as one
 * statement with every value written as a literal, so it can travel in one
 * simple-protocol message together with COMMIT and the next BEGIN (a message
 * of several statements cannot carry parameters). A version-row change that
 * touches no row makes the statement fail, so the transaction cannot commit;
 * the error text says which changes were off.
 */
import { hostname } from "node:os";
import { qualified, quoteLiteral } from "../dialect/postgres/quote";
import type { Direction, VersionRowChange } from "../revisions/version-rows";
import type { RuntimeTables } from "./tables";
import { MIGRATOR_VERSION } from "../version";

const CHECK_MARK = "migrator version check:";

/** os.hostname() is a system call: once per process, not once per step. */
let host: string | undefined;
const clientHost = (): string => (host ??= quoteLiteral(hostname()));

export interface StepRecord {
  readonly revision: string;
  readonly direction: Direction;
  /** When the step started, by the client's clock. */
  readonly startedAt: Date;
  /**
   * Time the step took before this statement was sent (ms). The server adds
   * the time since the message holding this statement arrived, which covers
   * the step's own statements when they travel in the same message.
   */
  readonly clientMs: number;
  readonly checksum: string | null;
  /**
   * The id of the log row written when the step started (non-transactional
   * steps, see startStepSql): that row is completed instead of a new one.
   */
  readonly startedRow?: string;
}

/**
 * The log row of a non-transactional step, written and committed before its
 * first statement runs: finished_at stays NULL until the step's bookkeeping
 * completes it, so a run killed in between leaves a trace `current`,
 * `status` and the next `upgrade` report. Returns the row's id.
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
  const ctes = changes.map((change, i) => `c${i} AS (${versionChangeSql(version, change)} RETURNING 1)`);
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

/** The changes that touched no row, when `error` is the version check failing; otherwise undefined. */
export function versionCheckFailure(error: unknown, changes: readonly VersionRowChange[]): VersionRowChange[] | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(CHECK_MARK);
  if (at < 0) return undefined;
  const counts = (/^[\d ]*/.exec(message.slice(at + CHECK_MARK.length).trim())?.[0] ?? "").trim().split(" ").map(Number);
  return changes.filter((_, i) => counts[i] !== 1);
}

function versionChangeSql(version: string, change: VersionRowChange): string {
  switch (change.kind) {
    case "insert":
      return `INSERT INTO ${version} (version_num) VALUES (${quoteLiteral(change.revision)})`;
    case "delete":
      return `DELETE FROM ${version} WHERE version_num = ${quoteLiteral(change.revision)}`;
    case "update":
      return `UPDATE ${version} SET version_num = ${quoteLiteral(change.to)} WHERE version_num = ${quoteLiteral(change.from)}`;
  }
}

