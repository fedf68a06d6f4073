/**
 * A step's bookkeeping (its version-row changes and its log row) as one
 * statement with every value written as a literal, so it can travel in one
 * simple-protocol message together with COMMIT and the next BEGIN (a message
 * of several statements cannot carry parameters). A version-row change that
 * touches no row makes the statement fail, so the transaction cannot commit;
 * the error text says which changes were off.
 */
import { hostname } from "node:os";
import { qualified, quoteLiteral } from "../dialect/quote";
import type { VersionRowChange } from "../revisions/version-rows";
import type { LogEntry, RuntimeTables } from "./tables";
import { MIGRATOR_VERSION } from "./version";

const CHECK_MARK = "migrator version check:";

/** `WITH c0 AS (...), l AS (INSERT INTO log ...) SELECT <fails unless every change touched one row>`. */
export function recordStepSql(tables: RuntimeTables, changes: readonly VersionRowChange[], entry: LogEntry): string {
  const version = qualified(tables.version);
  const ctes = changes.map((change, i) => `c${i} AS (${versionChangeSql(version, change)} RETURNING 1)`);
  ctes.push(
    `l AS (INSERT INTO ${qualified(tables.log)} ` +
      "(revision, direction, started_at, finished_at, duration_ms, checksum, client_host, client_app, migrator_version) " +
      `VALUES (${literal(entry.revision)}, ${literal(entry.direction)}, ${literal(entry.startedAt.toISOString())}, ` +
      `${literal(entry.finishedAt.toISOString())}, ${Math.max(0, Math.round(entry.durationMs))}, ` +
      `${entry.checksum === null ? "NULL" : literal(entry.checksum)}, ${literal(hostname())}, current_setting('application_name'), ` +
      `${literal(MIGRATOR_VERSION)}) RETURNING 1)`,
  );
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
      return `INSERT INTO ${version} (version_num) VALUES (${literal(change.revision)})`;
    case "delete":
      return `DELETE FROM ${version} WHERE version_num = ${literal(change.revision)}`;
    case "update":
      return `UPDATE ${version} SET version_num = ${literal(change.to)} WHERE version_num = ${literal(change.from)}`;
  }
}

/**
 * A string literal that means the same whatever standard_conforming_strings
 * says: a value with a backslash is written as an escape string (E'...'),
 * where backslashes are always escapes.
 */
export function literal(value: string): string {
  if (!value.includes("\\")) return quoteLiteral(value);
  return `E${quoteLiteral(value.replace(/\\/g, "\\\\"))}`;
}
