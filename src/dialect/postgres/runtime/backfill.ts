/**
 * op.backfill on PostgreSQL. A batch is one statement, so one transaction:
 *
 *   WITH batch AS (SELECT key FROM t WHERE key > $last AND (where) ORDER BY key LIMIT n FOR UPDATE),
 *        updated AS (UPDATE t SET ... FROM batch WHERE t.key = batch.key RETURNING 1),
 *        last AS (the greatest key of the batch, as text),
 *        saved AS (INSERT INTO <backfill table> ... ON CONFLICT DO UPDATE: last key, rows, batches)
 *   SELECT rows taken, rows updated, last key
 *
 * Keyset, never OFFSET: each batch starts with an index search after the
 * last key, however far the walk has gone. FOR UPDATE re-reads a row changed
 * meanwhile, so the condition is checked on its newest version. The rows of
 * one batch are the only rows locked, and only until the statement ends.
 * The key's values travel as text and are cast back to the column's type.
 */
import type { Executor } from "../../../db/types";
import { MigratorError } from "../../../errors";
import type { QualifiedName } from "../../../model/types";
import { renderSqlExpression } from "../../../ops/sql-expression";
import type { BackfillOp } from "../../../ops/types";
import type { BackfillBatchResult, BackfillId, BackfillKeyColumn, BackfillSql, BackfillState, BackfillTables } from "../../runtime";
import { statement, type Statement } from "../../statement";
import { arrayLiteral, qualified, quoteIdent } from "../quote";

export function createStateTableSql(table: QualifiedName): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${qualified(table)} (` +
    "revision varchar(64) NOT NULL, " +
    "direction varchar(4) NOT NULL, " +
    "fingerprint varchar(64) NOT NULL, " +
    "table_name text NOT NULL, " +
    // the log row of the step run that wrote it last: once that run has finished, this progress is of a finished application
    "log_id bigint NOT NULL, " +
    "last_key text[], " +
    "rows_done bigint NOT NULL DEFAULT 0, " +
    "batches integer NOT NULL DEFAULT 0, " +
    "started_at timestamptz NOT NULL DEFAULT now(), " +
    "updated_at timestamptz NOT NULL DEFAULT now(), " +
    "finished_at timestamptz, " +
    "PRIMARY KEY (revision, direction, fingerprint))"
  );
}

async function ensureStateTable(executor: Executor, tables: BackfillTables): Promise<void> {
  const found = await executor.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [qualified(tables.state)]);
  if (found.rows[0]?.found !== true) await executor.exec(createStateTableSql(tables.state));
}

const display = (table: QualifiedName): string => qualified(table);

async function keyColumns(executor: Executor, table: QualifiedName, key: readonly string[] | undefined): Promise<BackfillKeyColumn[]> {
  const name = qualified(table);
  const exists = await executor.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [name]);
  if (exists.rows[0]?.found !== true) throw new MigratorError(`backfill: table ${display(table)} does not exist`);
  if (key === undefined) {
    const primary = await executor.query<{ name: string; type: string }>(
      "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type " +
        "FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) " +
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum " +
        "WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY k.ord",
      [name],
    );
    if (primary.rows.length === 0) {
      throw new MigratorError(`backfill: table ${display(table)} has no primary key to walk in batches`, {
        hint: "name unique NOT NULL columns to walk with `key: [...]`",
      });
    }
    return primary.rows.map((row) => ({ name: row.name, type: row.type }));
  }
  const found = await executor.query<{ name: string; type: string; not_null: boolean }>(
    "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null FROM pg_attribute a " +
      "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ANY($2::text[])",
    [name, arrayLiteral([...key])],
  );
  const columns = key.map((column) => {
    const row = found.rows.find((r) => r.name === column);
    if (row === undefined) throw new MigratorError(`backfill: table ${display(table)} has no column ${quoteIdent(column)} (named in key)`);
    if (!row.not_null) {
      throw new MigratorError(`backfill: key column ${quoteIdent(column)} of ${display(table)} allows NULL, and rows with NULL would never be reached`, {
        hint: "walk NOT NULL columns (the primary key, when it has one)",
      });
    }
    return { name: row.name, type: row.type };
  });
  // a unique index (not partial, no expressions) on some of the key's columns: then the key orders rows strictly
  const unique = await executor.query<{ unique: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL " +
      "AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) " +
      "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum " +
      "WHERE k.ord <= i.indnkeyatts AND NOT (a.attname = ANY($2::text[])))) AS unique",
    [name, arrayLiteral([...key])],
  );
  if (unique.rows[0]?.unique !== true) {
    throw new MigratorError(`backfill: key (${key.map(quoteIdent).join(", ")}) of ${display(table)} is not unique: rows sharing a key value could be skipped between batches`, {
      hint: "walk the primary key or the columns of a unique index",
    });
  }
  return columns;
}

async function readState(executor: Executor, tables: BackfillTables, id: BackfillId, currentLogId: string): Promise<BackfillState | undefined> {
  const result = await executor.query<{ last_key: string | null; rows_done: string; batches: number; finished: boolean; stale: boolean }>(
    "SELECT to_json(s.last_key)::text AS last_key, s.rows_done::text AS rows_done, s.batches, s.finished_at IS NOT NULL AS finished, " +
      // stale: the run that wrote it finished, or the revision ran since in the other direction or to the end
      // (another interrupted attempt leaves it valid; a log row gone cannot tell: carry on rather than apply batches twice)
      "(coalesce(l.finished_at IS NOT NULL, false) OR EXISTS (SELECT 1 FROM " +
      `${qualified(tables.log)} m WHERE m.revision = s.revision AND m.id > s.log_id AND m.id <> $4::bigint ` +
      "AND (m.finished_at IS NOT NULL OR m.direction <> s.direction))) AS stale " +
      `FROM ${qualified(tables.state)} s LEFT JOIN ${qualified(tables.log)} l ON l.id = s.log_id ` +
      "WHERE s.revision = $1 AND s.direction = $2 AND s.fingerprint = $3",
    [id.revision, id.direction, id.fingerprint, currentLogId],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return {
    lastKey: row.last_key === null ? null : (JSON.parse(row.last_key) as string[]),
    rowsDone: Number(row.rows_done),
    batches: row.batches,
    finished: row.finished,
    stale: row.stale,
  };
}

async function forgetState(executor: Executor, tables: BackfillTables, id: BackfillId): Promise<void> {
  await executor.query(`DELETE FROM ${qualified(tables.state)} WHERE revision = $1 AND direction = $2 AND fingerprint = $3`, [
    id.revision,
    id.direction,
    id.fingerprint,
  ]);
}

/** Parameters numbered as they are added; arrays as PostgreSQL array text, as bulkInsert sends them. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(Array.isArray(value) ? arrayLiteral(value) : value);
    return `$${this.values.length}`;
  }
}

/** `key > last` (a row comparison for a key of several columns) and the op's condition. */
function conditions(op: BackfillOp, key: readonly BackfillKeyColumn[], after: readonly string[] | null, params: Params): string {
  const parts: string[] = [];
  if (after !== null) {
    if (after.length !== key.length) throw new MigratorError(`backfill of ${display(op.table)}: the recorded last key has ${after.length} values, the key ${key.length} columns`);
    const columns = key.map((k) => quoteIdent(k.name));
    const values = key.map((k, i) => `${params.add(after[i])}::${k.type}`);
    parts.push(key.length === 1 ? `${columns[0]} > ${values[0]}` : `(${columns.join(", ")}) > (${values.join(", ")})`);
  }
  if (op.where !== undefined) parts.push(`(${renderSqlExpression(op.where, (value) => params.add(value))})`);
  return parts.length === 0 ? "" : ` WHERE ${parts.join(" AND ")}`;
}

function countStatement(op: BackfillOp, key: readonly BackfillKeyColumn[], after: readonly string[] | null): Statement {
  const params = new Params();
  const sql = `SELECT count(*)::text AS n FROM ${qualified(op.table)}${conditions(op, key, after, params)}`;
  return statement(sql, { params: params.values });
}

/** Columns of the batch CTE, named so that a `set` expression naming the table's own columns is never ambiguous. */
const batchColumn = (i: number): string => `migrator_key_${i}`;

function batchStatement(
  op: BackfillOp,
  key: readonly BackfillKeyColumn[],
  after: readonly string[] | null,
  tables: BackfillTables,
  id: BackfillId,
  logId: string,
): Statement {
  const params = new Params();
  const table = qualified(op.table);
  const keyColumns = key.map((k) => quoteIdent(k.name));
  const picked = keyColumns.map((column, i) => `${column} AS ${batchColumn(i)}`).join(", ");
  const batch = `SELECT ${picked} FROM ${table}${conditions(op, key, after, params)} ORDER BY ${keyColumns.join(", ")} LIMIT ${op.batchSize} FOR UPDATE`;
  const assignments = op.set
    .map((a) => `${quoteIdent(a.column)} = ${"expression" in a ? `(${renderSqlExpression(a.expression, (value) => params.add(value))})` : params.add(a.value)}`)
    .join(", ");
  // the target is named by its qualified name (no alias), so a `set` expression may still say `orders.status`
  const joined = keyColumns.map((column, i) => `${table}.${column} = batch.${batchColumn(i)}`).join(" AND ");
  const update = `UPDATE ${table} SET ${assignments} FROM batch WHERE ${joined} RETURNING 1`;
  const lastKey = `ARRAY[${key.map((_, i) => `${batchColumn(i)}::text`).join(", ")}]`;
  const last = `SELECT ${lastKey} AS key FROM batch ORDER BY ${key.map((_, i) => `${batchColumn(i)} DESC`).join(", ")} LIMIT 1`;
  const state = qualified(tables.state);
  const saved =
    `INSERT INTO ${state} AS s (revision, direction, fingerprint, table_name, log_id, last_key, rows_done, batches) ` +
    `SELECT ${params.add(id.revision)}, ${params.add(id.direction)}, ${params.add(id.fingerprint)}, ${params.add(qualified(id.table))}, ${params.add(logId)}::bigint, ` +
    "last.key, (SELECT count(*) FROM updated), 1 FROM last " +
    "ON CONFLICT (revision, direction, fingerprint) DO UPDATE SET log_id = EXCLUDED.log_id, last_key = EXCLUDED.last_key, " +
    "rows_done = s.rows_done + EXCLUDED.rows_done, batches = s.batches + 1, updated_at = now() RETURNING 1";
  const sql =
    `WITH batch AS (${batch}), updated AS (${update}), last AS (${last}), saved AS (${saved}) ` +
    "SELECT (SELECT count(*) FROM batch)::int AS selected, (SELECT count(*) FROM updated)::int AS updated, (SELECT to_json(key)::text FROM last) AS last_key";
  return statement(sql, { params: params.values });
}

function readBatch(row: Record<string, unknown> | undefined): BackfillBatchResult {
  const lastKey = row?.last_key;
  return {
    selected: Number(row?.selected ?? 0),
    updated: Number(row?.updated ?? 0),
    lastKey: typeof lastKey === "string" ? (JSON.parse(lastKey) as string[]) : null,
  };
}

async function markFinished(executor: Executor, tables: BackfillTables, id: BackfillId, logId: string): Promise<void> {
  await executor.query(
    `INSERT INTO ${qualified(tables.state)} AS s (revision, direction, fingerprint, table_name, log_id, finished_at) ` +
      "VALUES ($1, $2, $3, $4, $5::bigint, now()) " +
      "ON CONFLICT (revision, direction, fingerprint) DO UPDATE SET log_id = EXCLUDED.log_id, finished_at = now(), updated_at = now()",
    [id.revision, id.direction, id.fingerprint, qualified(id.table), logId],
  );
}

export const backfillSql: BackfillSql = Object.freeze({
  ensureStateTable,
  keyColumns,
  readState,
  forgetState,
  countStatement,
  batchStatement,
  readBatch,
  markFinished,
});
