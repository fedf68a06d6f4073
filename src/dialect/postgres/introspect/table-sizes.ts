/**
 * Tables' sizes from the catalog, for the estimates of a dry run and of
 * lint: pg_class.reltuples (the planner's row estimate, -1 until the table
 * is first analysed or vacuumed) and pg_total_relation_size (heap, indexes
 * and TOAST). Nothing is counted, so it is as cheap on a large table as on
 * an empty one.
 */
import type { Executor } from "../../../db/types";
import type { QualifiedName } from "../../../model/types";
import type { SizedTable } from "../../catalog";

const TABLE_SIZES_SQL = `
SELECT x.ord::int AS ord, c.reltuples::float8 AS reltuples, pg_catalog.pg_total_relation_size(c.oid)::float8 AS bytes
FROM pg_catalog.json_array_elements($1::pg_catalog.json) WITH ORDINALITY AS x(t, ord)
JOIN pg_catalog.pg_namespace n ON n.nspname = x.t->>0
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = x.t->>1 AND c.relkind IN ('r', 'p', 'm')`;

interface SizeRow {
  readonly [key: string]: unknown;
  readonly ord: number;
  readonly reltuples: number;
  readonly bytes: number;
}

export async function tableSizes(executor: Executor, tables: readonly QualifiedName[]): Promise<SizedTable[]> {
  if (tables.length === 0) return [];
  const { rows } = await executor.query<SizeRow>(TABLE_SIZES_SQL, [JSON.stringify(tables.map((t) => [t.schema, t.name]))]);
  const found = new Map(rows.map((row) => [Number(row.ord), row]));
  return tables.map((table, index) => {
    const row = found.get(index + 1);
    if (row === undefined) return { table, size: null };
    const reltuples = Number(row.reltuples);
    return { table, size: { bytes: Number(row.bytes), rows: reltuples < 0 ? null : Math.round(reltuples) } };
  });
}
