import type { LiveTypeormMetadataRow } from "../dialect/catalog";
import { compareText } from "../model/names";
import { qualifiedKey, type QualifiedName, type SchemaModel } from "../model/types";
import { makeOp } from "../ops/make-op";
import type { InsertedTypeormMetadataRow } from "../ops/typeorm-metadata-rows";
import type { Operation, TypeormMetadataRow } from "../ops/types";

/** The rows synchronize writes for a model in TypeORM's spelling: a view's expression trimmed (as TypeORM trims it), a column's as given. */
export function wantedTypeormMetadata(raw: SchemaModel): InsertedTypeormMetadataRow[] {
  const rows: InsertedTypeormMetadataRow[] = [];
  for (const view of raw.views) {
    rows.push({ type: view.materialized ? "MATERIALIZED_VIEW" : "VIEW", schema: view.schema, name: view.name, value: view.definition.trim() });
  }
  for (const table of raw.tables) {
    for (const column of table.columns) {
      if (column.generated !== null) rows.push({ type: "GENERATED_COLUMN", schema: table.schema, table: table.name, name: column.name, value: column.generated });
    }
  }
  return rows;
}

/** The views and tables whose rows are ours to keep: those of the database and of the entities, after filters. */
export interface TypeormMetadataScope {
  readonly current: SchemaModel;
  readonly target: SchemaModel;
}

/** A view's rows are found by schema and name (whatever their type), a generated column's by schema, table and name. */
function keyOf(row: { type: string; schema: string | null; table?: string | null; name: string | null }): string {
  const object = row.type === "GENERATED_COLUMN" ? ["column", row.schema, row.table, row.name] : ["view", row.schema, row.name];
  return object.join("\u0000");
}

function compareRows(a: TypeormMetadataRow, b: TypeormMetadataRow): number {
  const key = (r: TypeormMetadataRow): string => [r.type, r.schema, r.table ?? "", r.name].join("\u0000");
  return compareText(key(a), key(b));
}

/**
 * The ops that turn the rows there (`live`, null without a table) into the
 * rows wanted, limited to the scope's views and tables: a delete of what is
 * stale or doubled (each row with the value it held, for the reverse), then
 * an insert of what is missing. Nothing when they already agree.
 */
export function typeormMetadataOps(
  wanted: readonly InsertedTypeormMetadataRow[],
  live: readonly LiveTypeormMetadataRow[] | null,
  scope: TypeormMetadataScope,
  metadataTable: QualifiedName,
): Operation[] {
  const views = new Set([...scope.current.views, ...scope.target.views].map(qualifiedKey));
  const tables = new Set([...scope.current.tables, ...scope.target.tables].map(qualifiedKey));
  const inScope = (row: LiveTypeormMetadataRow): row is LiveTypeormMetadataRow & { schema: string; name: string } => {
    if (row.schema === null || row.name === null) return false;
    // TypeORM reads a generated column's row only when it names this database
    if (row.type === "GENERATED_COLUMN") return row.here && row.table !== null && tables.has(qualifiedKey({ schema: row.schema, name: row.table }));
    return views.has(qualifiedKey({ schema: row.schema, name: row.name }));
  };
  const there = new Map<string, (LiveTypeormMetadataRow & { schema: string; name: string })[]>();
  for (const row of live ?? []) {
    if (!inScope(row)) continue;
    const key = keyOf(row);
    there.set(key, [...(there.get(key) ?? []), row]);
  }
  const deletes: TypeormMetadataRow[] = [];
  const inserts: InsertedTypeormMetadataRow[] = [];
  const wantedKeys = new Set<string>();
  for (const row of wanted) {
    const key = keyOf(row);
    wantedKeys.add(key);
    const found = there.get(key) ?? [];
    const agrees = found.length === 1 && found[0]?.type === row.type && found[0].value === row.value;
    if (agrees) continue;
    deletes.push(...deletesFor(found));
    inserts.push(row);
  }
  for (const [key, found] of there) if (!wantedKeys.has(key)) deletes.push(...deletesFor(found));
  const ops: Operation[] = [];
  if (deletes.length > 0) ops.push(makeOp({ kind: "deleteTypeormMetadata", metadataTable, rows: deletes.sort(compareRows) }, undefined));
  if (inserts.length > 0) ops.push(makeOp({ kind: "insertTypeormMetadata", metadataTable, rows: inserts.sort(compareRows) }, undefined));
  return ops;
}

/** One delete per type the key's rows have (a delete matches by type); it removes every copy, and records the first one's value. */
function deletesFor(found: readonly (LiveTypeormMetadataRow & { schema: string; name: string })[]): TypeormMetadataRow[] {
  const byType = new Map<string, LiveTypeormMetadataRow & { schema: string; name: string }>();
  for (const row of found) if (!byType.has(row.type)) byType.set(row.type, row);
  return [...byType.values()].map((row) => ({
    type: row.type,
    schema: row.schema,
    ...(row.type === "GENERATED_COLUMN" ? { table: row.table ?? "" } : {}),
    name: row.name,
    ...(row.value === null ? {} : { value: row.value }),
  }));
}
