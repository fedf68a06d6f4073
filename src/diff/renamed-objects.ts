/**
 * What a hinted table or column rename carries along. TypeORM derives the
 * names of a table's enum types (`<table>_<column>_enum`), constraints and
 * indexes (`PK_<sha1 of table and columns>`, ...) from the table and column
 * names, and PostgreSQL its serial and identity sequences
 * (`<table>_<column>_seq`); none of them follow an `ALTER TABLE ... RENAME`.
 * So after the renames, the database's objects are matched with the
 * entities' by what they are (the column using an enum; a constraint's or
 * index's columns and definition), not by name, and each match whose name
 * differs becomes a rename in place rather than a drop and a create.
 */
import type { DialectTypes } from "../model/dialect-types";
import { byQualifiedName, compareNames, sortedByName } from "../model/names";
import { qualifiedKey, type EnumModel, type QualifiedName, type SchemaModel, type TableModel } from "../model/types";
import type { Operation, RenameConstraintOp, RenameEnumOp, RenameIndexOp, RenameSequenceOp } from "../ops/types";
import { sameCheck, sameExclusion, sameForeignKey, sameIndex, samePrimaryKey, sameUnique } from "./compare";
import { enumOf } from "./enums";
import { renameTypeName } from "./rename-identifiers";

/** A table the hints rename, or whose columns they rename. */
export interface RenamedTable {
  /** Its name in the database. */
  readonly before: QualifiedName;
  /** Its name in the entities (the same when only columns are renamed). */
  readonly after: QualifiedName;
  /** Renamed columns: old name -> new name. */
  readonly columns: ReadonlyMap<string, string>;
}

/** A sequence a column owns (serial, or identity). */
export interface OwnedSequence {
  readonly column: string;
  readonly sequence: QualifiedName;
}

export interface CarriedAlong {
  /** The database's model with the carried renames applied. */
  readonly from: SchemaModel;
  readonly ops: Operation[];
}

/**
 * `from` is the database's model with the hinted renames already applied.
 * `sequences` (keyed by the database's table) are the sequences owned by the
 * renamed tables' columns: the model does not hold sequence names.
 */
export function carryAlong(
  from: SchemaModel,
  to: SchemaModel,
  renamed: readonly RenamedTable[],
  sequences: ReadonlyMap<string, readonly OwnedSequence[]>,
  types: DialectTypes,
): CarriedAlong {
  if (renamed.length === 0) return { from, ops: [] };
  const enums = renameEnums(from, to, renamed, types);
  const objects = renameConstraintsAndIndexes(enums.from, to, renamed);
  return { from: objects.from, ops: [...enums.ops, ...objects.ops, ...renameSequences(to, renamed, sequences, types)] };
}

/**
 * A column present on both sides (after the renames) whose enum type would be
 * dropped on one side and created on the other is one type renamed. Each type
 * is renamed once; its values are compared afterwards, as any enum's.
 */
function renameEnums(from: SchemaModel, to: SchemaModel, renamed: readonly RenamedTable[], types: DialectTypes): CarriedAlong {
  const enumTypeName = (name: QualifiedName): string => types.enumTypeName(name);
  const fromEnums = new Map(from.enums.map((e) => [enumTypeName(e), e]));
  const toEnums = new Map(to.enums.map((e) => [enumTypeName(e), e]));
  const fromKeys = new Set(from.enums.map(qualifiedKey));
  const toKeys = new Set(to.enums.map(qualifiedKey));
  const fromTables = new Map(from.tables.map((t) => [qualifiedKey(t), t]));
  const toTables = new Map(to.tables.map((t) => [qualifiedKey(t), t]));
  const pairs = new Map<string, { before: EnumModel; after: EnumModel }>();
  const claimed = new Set<string>();
  for (const table of [...renamed].sort((a, b) => compareNames(a.after, b.after))) {
    const before = fromTables.get(qualifiedKey(table.after));
    const after = toTables.get(qualifiedKey(table.after));
    if (!before || !after) continue;
    for (const column of before.columns) {
      const next = after.columns.find((c) => c.name === column.name);
      if (!next) continue;
      const a = enumOf(column.type, types);
      const b = enumOf(next.type, types);
      const old = fromEnums.get(a.base);
      const wanted = toEnums.get(b.base);
      if (!old || !wanted || a.base === b.base || old.schema !== wanted.schema) continue;
      if (column.type.slice(a.base.length) !== next.type.slice(b.base.length)) continue; // array depth differs
      if (toKeys.has(qualifiedKey(old)) || fromKeys.has(qualifiedKey(wanted))) continue; // one side keeps both
      if (pairs.has(a.base) || claimed.has(b.base)) continue;
      pairs.set(a.base, { before: old, after: wanted });
      claimed.add(b.base);
    }
  }
  if (pairs.size === 0) return { from, ops: [] };
  let texts = (text: string): string => text;
  for (const [spelling, { after }] of pairs) {
    const previous = texts;
    const next = enumTypeName(after);
    texts = (text) => renameTypeName(previous(text), spelling, next);
  }
  const ops: RenameEnumOp[] = [...pairs.values()]
    .map(({ before, after }): RenameEnumOp => ({ kind: "renameEnum", enum: { schema: before.schema, name: before.name }, to: after.name }))
    .sort((a, b) => compareNames(a.enum, b.enum));
  const renamedEnums = from.enums.map((e) => {
    const pair = pairs.get(enumTypeName(e));
    return pair ? { ...e, name: pair.after.name } : e;
  });
  return { from: { ...mapTexts(from, texts), enums: renamedEnums }, ops };
}

/** Every SQL text of the model (types, defaults, expressions, view bodies) through `fn`. */
function mapTexts(model: SchemaModel, fn: (text: string) => string): SchemaModel {
  const maybe = (text: string | null): string | null => (text === null ? null : fn(text));
  const index = <T extends TableModel["indexes"][number]>(i: T): T => ({
    ...i,
    keys: i.keys.map((k) => ("expression" in k ? { ...k, expression: fn(k.expression) } : k)),
    where: maybe(i.where),
  });
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => ({ ...c, type: fn(c.type), default: maybe(c.default), generated: maybe(c.generated) })),
      checks: t.checks.map((c) => ({ ...c, expression: fn(c.expression) })),
      exclusions: t.exclusions.map((x) => ({ ...x, definition: fn(x.definition) })),
      indexes: t.indexes.map(index),
    })),
    views: model.views.map((v) => ({ ...v, definition: fn(v.definition), indexes: v.indexes.map(index) })),
  };
}

/**
 * In the renamed tables and the tables whose foreign keys point at them: a
 * constraint or index the database has and the entities do not, the same in
 * all but its name as one the entities have and the database does not, is
 * renamed. Identical candidates pair in name order (any pairing is the same).
 */
function renameConstraintsAndIndexes(from: SchemaModel, to: SchemaModel, renamed: readonly RenamedTable[]): CarriedAlong {
  const renamedKeys = new Set(renamed.map((r) => qualifiedKey(r.after)));
  const touched = (t: TableModel): boolean =>
    renamedKeys.has(qualifiedKey(t)) || t.foreignKeys.some((fk) => renamedKeys.has(qualifiedKey(fk.referencedTable)));
  const toTables = new Map(to.tables.map((t) => [qualifiedKey(t), t]));
  const ops: (RenameConstraintOp | RenameIndexOp)[] = [];
  const tables = byQualifiedName(from.tables).map((before) => {
    const after = toTables.get(qualifiedKey(before));
    if (!after || !touched(before)) return before;
    const result = matchTable(before, after);
    ops.push(...result.ops);
    return result.table;
  });
  if (ops.length === 0) return { from, ops: [] };
  const byKey = new Map(tables.map((t) => [qualifiedKey(t), t]));
  return { from: { ...from, tables: from.tables.map((t) => byKey.get(qualifiedKey(t)) ?? t) }, ops };
}

function matchTable(before: TableModel, after: TableModel): { table: TableModel; ops: (RenameConstraintOp | RenameIndexOp)[] } {
  const table: QualifiedName = { schema: after.schema, name: after.name };
  const ops: (RenameConstraintOp | RenameIndexOp)[] = [];
  const constraint = (name: string, to: string): void => void ops.push({ kind: "renameConstraint", table, name, to });

  let primaryKey = before.primaryKey;
  if (primaryKey && after.primaryKey && primaryKey.name !== after.primaryKey.name && samePrimaryKey({ ...primaryKey, name: after.primaryKey.name }, after.primaryKey)) {
    constraint(primaryKey.name, after.primaryKey.name);
    primaryKey = after.primaryKey;
  }
  const uniques = pairUp(before.uniques, after.uniques, sameUnique, constraint);
  const foreignKeys = pairUp(before.foreignKeys, after.foreignKeys, sameForeignKey, constraint);
  const checks = pairUp(before.checks, after.checks, sameCheck, constraint);
  const exclusions = pairUp(before.exclusions, after.exclusions, sameExclusion, constraint);
  const indexes = pairUp(before.indexes, after.indexes, sameIndex, (name, to) => void ops.push({ kind: "renameIndex", table, name, to }));
  return { table: { ...before, primaryKey, uniques, foreignKeys, checks, exclusions, indexes }, ops };
}

/** `before` with each unmatched item renamed after its unmatched equal in `after` (reported through `rename`). */
function pairUp<T extends { readonly name: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
  rename: (name: string, to: string) => void,
): T[] {
  const beforeNames = new Set(before.map((item) => item.name));
  const afterNames = new Set(after.map((item) => item.name));
  const open = sortedByName(after.filter((item) => !beforeNames.has(item.name)));
  const renames = new Map<string, string>();
  for (const item of sortedByName(before)) {
    if (afterNames.has(item.name)) continue;
    const at = open.findIndex((candidate) => same({ ...item, name: candidate.name }, candidate));
    if (at < 0) continue;
    const [match] = open.splice(at, 1);
    renames.set(item.name, match!.name);
    rename(item.name, match!.name);
  }
  return renames.size === 0 ? [...before] : before.map((item) => (renames.has(item.name) ? { ...item, name: renames.get(item.name)! } : item));
}

/**
 * A sequence that bears the name PostgreSQL gave it for the old table and
 * column is renamed to the name it gives a new table and column; a sequence
 * named otherwise (by hand) is left alone.
 */
function renameSequences(
  to: SchemaModel,
  renamed: readonly RenamedTable[],
  sequences: ReadonlyMap<string, readonly OwnedSequence[]>,
  types: DialectTypes,
): RenameSequenceOp[] {
  const toTables = new Map(to.tables.map((t) => [qualifiedKey(t), t]));
  const ops: RenameSequenceOp[] = [];
  for (const table of renamed) {
    const target = toTables.get(qualifiedKey(table.after));
    for (const owned of sequences.get(qualifiedKey(table.before)) ?? []) {
      const column = table.columns.get(owned.column) ?? owned.column;
      const wanted = target?.columns.find((c) => c.name === column);
      if (!wanted || (!wanted.serial && wanted.identity === null)) continue;
      if (owned.sequence.name !== types.serialSequenceName(table.before.name, owned.column)) continue;
      const name = types.serialSequenceName(table.after.name, column);
      if (name !== owned.sequence.name) ops.push({ kind: "renameSequence", sequence: owned.sequence, to: name });
    }
  }
  return ops.sort((a, b) => compareNames(a.sequence, b.sequence));
}
