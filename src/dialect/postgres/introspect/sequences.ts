/**
 * The sequences that columns of the given tables own (serial: pg_depend 'a';
 * identity: 'i'). Read only when rename hints name tables or columns: a
 * renamed column's sequence is renamed with it, and the schema model does
 * not hold sequence names.
 */
import type { Executor } from "../../../db/types";
import { qualifiedKey, type QualifiedName } from "../../../model/types";
import type { OwnedSequence } from "../../catalog";

const OWNED_SEQUENCES_SQL = `
SELECT tn.nspname AS table_schema, t.relname AS table_name, a.attname AS column_name,
       sn.nspname AS sequence_schema, s.relname AS sequence_name
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.deptype IN ('a', 'i')
  AND (tn.nspname, t.relname) IN (SELECT x->>0, x->>1 FROM pg_catalog.json_array_elements($1::pg_catalog.json) x)`;

interface OwnedRow {
  readonly [key: string]: unknown;
  readonly table_schema: string;
  readonly table_name: string;
  readonly column_name: string;
  readonly sequence_schema: string;
  readonly sequence_name: string;
}

/** Keyed by qualifiedKey of the table. */
export async function ownedSequences(executor: Executor, tables: readonly QualifiedName[]): Promise<Map<string, OwnedSequence[]>> {
  const owned = new Map<string, OwnedSequence[]>();
  if (tables.length === 0) return owned;
  const { rows } = await executor.query<OwnedRow>(OWNED_SEQUENCES_SQL, [JSON.stringify(tables.map((t) => [t.schema, t.name]))]);
  for (const row of rows) {
    const key = qualifiedKey({ schema: row.table_schema, name: row.table_name });
    const list = owned.get(key) ?? [];
    list.push({ column: row.column_name, sequence: { schema: row.sequence_schema, name: row.sequence_name } });
    owned.set(key, list);
  }
  return owned;
}
