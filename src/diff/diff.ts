/**
 * The differ: live database model (`from`) x entity model (`to`) -> ops in an
 * order whose SQL runs. Pure, and linear in the schema size (everything is
 * looked up through Maps keyed by qualifiedKey or name).
 *
 * Phases, in order:
 *   1 create extensions, 2 create schemas, 3 drop recreated/removed views,
 *   4 renames (hinted, and what they carry along: see renamed-objects.ts), 5 create enums and add enum values (after the renames: the
 *   reverse of an added value recreates the type and names its columns as
 *   they are then), 6 drop foreign keys that change
 *   or lose what they lean on, 7 drop tables (referencing ones first), 8 one block per altered table,
 *   9 recreate enums, 10 what waited for them, 11 create tables (referenced
 *   ones first, foreign keys inline), 12 foreign keys of a cycle of new
 *   tables and into tables altered later, 13 create views,
 *   14 drop enums, 15 drop schemas and extensions.
 */
import type { DialectTypes } from "../model/dialect-types";
import { byQualifiedName, compareNames, compareText, sortedByName } from "../model/names";
import { assertNoDuplicates } from "../model/no-duplicates";
import { DEFAULT_SCHEMA, qualifiedKey, type QualifiedName, type SchemaModel, type TableModel } from "../model/types";
import { COLUMN_PROPERTIES, COLUMN_PROPERTY_KEYS } from "../ops/column-properties";
import { makeOp } from "../ops/make-op";
import type { CreateForeignKeyOp, DropConstraintOp, Operation } from "../ops/types";
import { diffEnums, enumOf } from "./enums";
import { diffForeignKeys } from "./foreign-keys";
import { applyRenames } from "./renames";
import { diffTable, type TableDiff } from "./table-diff";
import type { DiffOptions, DiffResult } from "./types";
import { creationOrder } from "./table-order";
import { tableRenameWarnings } from "./table-rename-warnings";
import { diffViews } from "./views";

const ALWAYS_IGNORED = "typeorm_metadata";

/** `types` are the database's (`dialect.types`): how it spells enum types, which type changes need USING or lose data. */
export function diff(from: SchemaModel, to: SchemaModel, types: DialectTypes, options: DiffOptions = {}): DiffResult {
  // an object held twice would be created, altered or dropped twice
  assertNoDuplicates(from, "database's");
  assertNoDuplicates(to, "entities'");
  const ignored = new Set((options.ignoreTables ?? []).map(qualifiedKey));
  const keep = (t: TableModel): boolean => t.name !== ALWAYS_IGNORED && !ignored.has(qualifiedKey(t));
  const schemasInUse = new Set(from.tables.filter((t) => !keep(t)).map((t) => t.schema));
  const target: SchemaModel = { ...to, tables: to.tables.filter(keep) };
  const renamed = applyRenames({ ...from, tables: from.tables.filter(keep) }, target, types, options.renames ?? [], options.sequences);
  const source = renamed.from;
  const warnings: string[] = [];

  const extensions = diffExtensions(source, target, warnings);
  const schemas = diffSchemas(source, target, schemasInUse);
  const enums = diffEnums(source, target, types);
  const enumTypes = new Set([...source.enums, ...target.enums].map((e) => types.enumTypeName(e)));
  const isEnum = (type: string): boolean => enumTypes.has(enumOf(type, types).base);

  const fromTables = new Map(source.tables.map((t) => [qualifiedKey(t), t]));
  const toTables = new Map(target.tables.map((t) => [qualifiedKey(t), t]));
  const kept = byQualifiedName(target.tables.filter((t) => fromTables.has(qualifiedKey(t))));
  const added = byQualifiedName(target.tables.filter((t) => !fromTables.has(qualifiedKey(t))));
  const dropped = byQualifiedName(source.tables.filter((t) => !toTables.has(qualifiedKey(t))));
  warnings.push(...tableRenameWarnings(dropped, added, source, target, types));

  const changes = new Map<string, TableDiff>();
  for (const after of kept) {
    const before = fromTables.get(qualifiedKey(after))!;
    const change = diffTable(before, after, {
      types,
      isEnum,
      needsRecreatedEnum: (type) => enums.recreatedTypes.has(enumOf(type, types).base),
      defaultSetByRecreate: (column) => enums.convertedColumns.has(`${qualifiedKey(after)}\u0000${column}`),
      mentionsRecreatedEnum: (sql) => [...enums.recreatedTypes].some((type) => sql.includes(type)),
      columnPositions: options.columnPositions === true,
    });
    changes.set(qualifiedKey(after), change);
    warnings.push(...change.warnings);
  }

  const foreignKeyDrops: DropConstraintOp[] = [];
  const lateForeignKeys: CreateForeignKeyOp[] = [];
  for (const after of kept) {
    const key = qualifiedKey(after);
    const change = changes.get(key)!;
    const foreignKeys = diffForeignKeys(fromTables.get(key)!, after, changes);
    foreignKeyDrops.push(...foreignKeys.drops);
    for (const create of foreignKeys.creates) {
      const referenced = qualifiedKey(create.foreignKey.referencedTable);
      const theirs = changes.get(referenced);
      const settled = referenced === key || (!toTables.has(referenced) ? true : theirs !== undefined && isEmpty(theirs));
      if (!settled) lateForeignKeys.push(create);
      else (change.deferred.length > 0 ? change.deferred : change.block).push(create);
    }
  }

  // dropped tables in the reverse of the order they would be created in: each one's keys go with it
  const dropOrder = creationOrder(dropped);
  const tableDrops: Operation[] = [];
  for (const table of [...dropOrder.order].reverse()) {
    const between = dropOrder.late.get(qualifiedKey(table)) ?? [];
    for (const foreignKey of sortedByName(between)) {
      foreignKeyDrops.push({ kind: "dropConstraint", table: nameOf(table), name: foreignKey.name, definition: { type: "foreignKey", foreignKey } });
    }
    const definition = between.length === 0 ? table : { ...table, foreignKeys: table.foreignKeys.filter((fk) => !between.includes(fk)) };
    tableDrops.push({ kind: "dropTable", table: nameOf(table), definition });
  }

  // new tables after the new tables they reference, their keys inline; only a cycle's keys come after
  const createOrder = creationOrder(added);
  const tableCreates: Operation[] = [];
  for (const table of createOrder.order) {
    const between = createOrder.late.get(qualifiedKey(table)) ?? [];
    for (const foreignKey of sortedByName(between)) lateForeignKeys.push({ kind: "createForeignKey", table: nameOf(table), foreignKey });
    const definition = between.length === 0 ? table : { ...table, foreignKeys: table.foreignKeys.filter((fk) => !between.includes(fk)) };
    tableCreates.push({ kind: "createTable", table: definition });
  }

  const shaken = new Set<string>(dropped.map((t) => t.name));
  for (const change of changes.values()) {
    if (change.block.some(shakesViews) || change.deferred.some(shakesViews)) shaken.add(change.table.name);
  }
  // Recreating an enum re-types its columns, which PostgreSQL refuses under a view too.
  for (const recreate of enums.recreate) for (const usage of recreate.usages) shaken.add(usage.table.name);
  const views = diffViews(source, target, shaken);

  foreignKeyDrops.sort((a, b) => compareNames(a.table, b.table) || compareText(a.name, b.name));
  const blocks = [...changes.values()];
  const ops: Operation[] = [
    ...extensions.creates,
    ...schemas.creates,
    ...views.drops,
    ...renamed.ops,
    ...enums.create,
    ...foreignKeyDrops,
    ...tableDrops,
    ...blocks.flatMap((c) => c.block),
    ...enums.recreate,
    ...blocks.flatMap((c) => c.deferred),
    ...tableCreates,
    ...lateForeignKeys.sort((a, b) => compareNames(a.table, b.table) || compareText(a.foreignKey.name, b.foreignKey.name)),
    ...views.creates,
    ...enums.drop,
    ...schemas.drops,
    ...extensions.drops,
  ];
  // one factory for every op: frozen, with its data-loss note
  return { ops: ops.map((op) => makeOp(op, types)), warnings };
}

function isEmpty(change: TableDiff): boolean {
  return change.block.length === 0 && change.deferred.length === 0;
}

/** Changes PostgreSQL refuses while a view uses the column (see ColumnPropertyRule.shakesViews). */
function shakesViews(op: Operation): boolean {
  if (op.kind === "dropColumn") return true;
  return op.kind === "alterColumn" && COLUMN_PROPERTY_KEYS.some((key) => COLUMN_PROPERTIES[key].shakesViews && op[key] !== undefined);
}

function isOther(a: QualifiedName, b: QualifiedName): boolean {
  return a.schema !== b.schema || a.name !== b.name;
}

function nameOf(table: QualifiedName): QualifiedName {
  return { schema: table.schema, name: table.name };
}

function diffExtensions(from: SchemaModel, to: SchemaModel, warnings: string[]): { creates: Operation[]; drops: Operation[] } {
  const before = new Map(from.extensions.map((e) => [e.name, e]));
  const after = new Map(to.extensions.map((e) => [e.name, e]));
  const creates: Operation[] = [];
  const drops: Operation[] = [];
  for (const extension of sortedByName(to.extensions)) {
    const old = before.get(extension.name);
    if (!old) creates.push({ kind: "createExtension", extension });
    else if (extension.schema !== null && old.schema !== null && extension.schema !== old.schema) {
      warnings.push(`extension "${extension.name}" is installed in schema "${old.schema}", the entities want "${extension.schema}": move it by hand`);
    }
  }
  for (const extension of sortedByName(from.extensions)) {
    if (!after.has(extension.name)) drops.push({ kind: "dropExtension", extension });
  }
  return { creates, drops };
}

function diffSchemas(from: SchemaModel, to: SchemaModel, inUse: ReadonlySet<string>): { creates: Operation[]; drops: Operation[] } {
  const before = new Set(from.schemas);
  const after = new Set(to.schemas);
  const creates: Operation[] = [...after].filter((s) => !before.has(s) && s !== DEFAULT_SCHEMA).sort(compareText).map((schema) => ({ kind: "createSchema", schema }));
  const drops: Operation[] = [...before]
    .filter((s) => !after.has(s) && s !== DEFAULT_SCHEMA && !inUse.has(s))
    .sort(compareText)
    .map((schema) => ({ kind: "dropSchema", schema }));
  return { creates, drops };
}
