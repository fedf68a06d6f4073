/**
 * Rename hints turn a dropped+added table or column into a rename. They are
 * applied to the `from` model first (so everything after compares the renamed
 * table with its new definition), and each hint becomes one rename op.
 */
import { carryAlong, type OwnedSequence, type RenamedTable } from "./renamed-objects";
import { renameIdentifiers } from "./rename-identifiers";
import type { DialectTypes } from "../model/dialect-types";
import { compareNames, compareText, displayColumn, displayTable } from "../model/names";
import { qualifiedKey, type QualifiedName, type SchemaModel, type TableModel } from "../model/types";
import type { Operation, RenameColumnOp, RenameTableOp } from "../ops/types";
import { RenameHintError } from "./errors";
import { hintTable, parseHintTable } from "./names";
import type { RenameHint } from "./types";

export interface RenamedModel {
  readonly from: SchemaModel;
  /** The hinted renames, then what they carry along (see renamed-objects.ts). */
  readonly ops: Operation[];
}

const FLAG_HINT = "rename hints must name a table or column that the database has and the entities do not, and its new name the other way round";

export function applyRenames(
  from: SchemaModel,
  to: SchemaModel,
  types: DialectTypes,
  hints: readonly RenameHint[],
  sequences: ReadonlyMap<string, readonly OwnedSequence[]> = new Map(),
): RenamedModel {
  if (hints.length === 0) return { from, ops: [] };
  const fromTables = new Map(from.tables.map((t) => [qualifiedKey(t), t]));
  const toTables = new Map(to.tables.map((t) => [qualifiedKey(t), t]));

  // old table key -> new name (same schema)
  const tableRenames = new Map<string, QualifiedName>();
  const tableOps: RenameTableOp[] = [];
  for (const hint of hints) {
    if ("column" in hint) continue;
    const old = parseHintTable(hint.table);
    const renamed: QualifiedName = { schema: old.schema, name: parseHintTable(hint.to).name };
    const problem = !fromTables.has(qualifiedKey(old))
      ? `the database has no table ${displayTable(old)}`
      : toTables.has(qualifiedKey(old))
        ? `the entities still have table ${displayTable(old)}`
        : !toTables.has(qualifiedKey(renamed))
          ? `the entities have no table ${displayTable(renamed)}`
          : fromTables.has(qualifiedKey(renamed))
            ? `the database already has table ${displayTable(renamed)}`
            : null;
    if (problem) throw new RenameHintError(`rename hint ${hintTable(old)}:${renamed.name}: ${problem}`, { hint: FLAG_HINT });
    tableRenames.set(qualifiedKey(old), renamed);
    tableOps.push({ kind: "renameTable", table: old, to: renamed.name });
  }
  const newKeyOf = (name: QualifiedName): string => qualifiedKey(tableRenames.get(qualifiedKey(name)) ?? name);
  const renamedFromTables = new Map<string, TableModel>();
  for (const table of from.tables) renamedFromTables.set(newKeyOf(table), table);

  // new table key -> (old column -> new column)
  const columnRenames = new Map<string, Map<string, string>>();
  const columnOps: RenameColumnOp[] = [];
  for (const hint of hints) {
    if (!("column" in hint)) continue;
    const named = parseHintTable(hint.table);
    // The hint may name the table by its old or its new name.
    const key = tableRenames.has(qualifiedKey(named)) ? newKeyOf(named) : qualifiedKey(named);
    const target = toTables.get(key);
    const source = renamedFromTables.get(key);
    const label = `rename hint ${hint.table}.${hint.column}:${hint.to}`;
    if (!target || !source) {
      throw new RenameHintError(`${label}: ${!source ? "the database has" : "the entities have"} no table ${displayTable(named)}`, { hint: FLAG_HINT });
    }
    const has = (t: TableModel, c: string): boolean => t.columns.some((col) => col.name === c);
    const problem = !has(source, hint.column)
      ? `the database has no column ${displayColumn(source, hint.column)}`
      : has(target, hint.column)
        ? `the entities still have column ${displayColumn(target, hint.column)}`
        : !has(target, hint.to)
          ? `the entities have no column ${displayColumn(target, hint.to)}`
          : has(source, hint.to)
            ? `the database already has column ${displayColumn(source, hint.to)}`
            : null;
    if (problem) throw new RenameHintError(`${label}: ${problem}`, { hint: FLAG_HINT });
    let perTable = columnRenames.get(key);
    if (!perTable) columnRenames.set(key, (perTable = new Map()));
    perTable.set(hint.column, hint.to);
    columnOps.push({ kind: "renameColumn", table: { schema: target.schema, name: target.name }, column: hint.column, to: hint.to });
  }

  const tables = from.tables.map((table) => renameTable(table, newKeyOf, tableRenames, columnRenames, types));
  tableOps.sort((a, b) => compareNames(a.table, b.table));
  columnOps.sort((a, b) => compareNames(a.table, b.table) || compareText(a.column, b.column));
  const renamed: RenamedTable[] = from.tables
    .filter((t) => tableRenames.has(qualifiedKey(t)) || columnRenames.has(newKeyOf(t)))
    .map((t) => ({ before: { schema: t.schema, name: t.name }, after: tableRenames.get(qualifiedKey(t)) ?? { schema: t.schema, name: t.name }, columns: columnRenames.get(newKeyOf(t)) ?? new Map() }));
  const carried = carryAlong({ ...from, tables }, to, renamed, sequences, types);
  return { from: carried.from, ops: [...tableOps, ...columnOps, ...carried.ops] };
}

function renameTable(
  table: TableModel,
  newKeyOf: (name: QualifiedName) => string,
  tableRenames: ReadonlyMap<string, QualifiedName>,
  columnRenames: ReadonlyMap<string, ReadonlyMap<string, string>>,
  types: DialectTypes,
): TableModel {
  const name = tableRenames.get(qualifiedKey(table)) ?? { schema: table.schema, name: table.name };
  const own = columnRenames.get(newKeyOf(table));
  const col = (c: string): string => own?.get(c) ?? c;
  const cols = (cs: readonly string[]): string[] => cs.map(col);
  const expr = (text: string): string => (own ? renameIdentifiers(text, own, types.printIdentifier) : text);
  const maybe = (text: string | null): string | null => (text === null ? null : expr(text));
  return {
    ...table,
    schema: name.schema,
    name: name.name,
    columns: table.columns.map((c) => ({ ...c, name: col(c.name), generated: maybe(c.generated) })),
    primaryKey: table.primaryKey && { ...table.primaryKey, columns: cols(table.primaryKey.columns) },
    uniques: table.uniques.map((u) => ({ ...u, columns: cols(u.columns) })),
    indexes: table.indexes.map((i) => ({
      ...i,
      keys: i.keys.map((k) => ("column" in k ? { ...k, column: col(k.column) } : { ...k, expression: expr(k.expression) })),
      include: cols(i.include),
      where: maybe(i.where),
    })),
    checks: table.checks.map((c) => ({ ...c, expression: expr(c.expression) })),
    exclusions: table.exclusions.map((x) => ({ ...x, definition: expr(x.definition) })),
    foreignKeys: table.foreignKeys.map((fk) => {
      const referenced = tableRenames.get(qualifiedKey(fk.referencedTable)) ?? fk.referencedTable;
      const theirs = columnRenames.get(newKeyOf(fk.referencedTable));
      return {
        ...fk,
        columns: cols(fk.columns),
        referencedTable: { schema: referenced.schema, name: referenced.name },
        referencedColumns: fk.referencedColumns.map((c) => theirs?.get(c) ?? c),
      };
    }),
  };
}
