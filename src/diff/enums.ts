/**
 * Enum types: created, extended in place (ADD VALUE ... BEFORE/AFTER, no
 * rewrite), recreated when values are removed or reordered, dropped.
 */
import type { DialectTypes } from "../model/dialect-types";
import { byQualifiedName } from "../model/names";
import { qualifiedKey, type EnumModel, type SchemaModel, type TableModel } from "../model/types";
import type { AddEnumValueOp, CreateEnumOp, DropEnumOp, EnumUsage, RecreateEnumOp } from "../ops/types";
import { sameList } from "./compare";

export interface EnumDiff {
  readonly create: (CreateEnumOp | AddEnumValueOp)[];
  readonly recreate: RecreateEnumOp[];
  readonly drop: DropEnumOp[];
  /** Canonical type names of recreated enums: columns moving to them wait for the recreate. */
  readonly recreatedTypes: ReadonlySet<string>;
  /** `qualifiedKey(table) + "\0" + column` of columns whose default the recreate sets. */
  readonly convertedColumns: ReadonlySet<string>;
}

export function columnKey(table: TableModel, column: string): string {
  return `${qualifiedKey(table)}\u0000${column}`;
}

/** A column type with its array brackets taken off (the name of its enum, when it is one), and whether it had any. */
export function enumOf(type: string, types: DialectTypes): { readonly base: string; readonly array: boolean } {
  const element = types.element(type);
  return { base: element.type, array: element.arrayDims > 0 };
}

export function diffEnums(from: SchemaModel, to: SchemaModel, types: DialectTypes): EnumDiff {
  const fromEnums = new Map(from.enums.map((e) => [qualifiedKey(e), e]));
  const toEnums = new Map(to.enums.map((e) => [qualifiedKey(e), e]));
  const create: (CreateEnumOp | AddEnumValueOp)[] = [];
  const recreate: RecreateEnumOp[] = [];
  const drop: DropEnumOp[] = [];
  const extended: { before: EnumModel; after: EnumModel }[] = [];
  const replaced: { before: EnumModel; after: EnumModel }[] = [];

  for (const after of byQualifiedName(to.enums)) {
    const before = fromEnums.get(qualifiedKey(after));
    if (!before) create.push({ kind: "createEnum", enum: after });
    else if (sameList(before.values, after.values)) continue;
    else if (isInsertionOnly(before.values, after.values) && !usesNewValue(to, before, after, types)) extended.push({ before, after });
    else replaced.push({ before, after });
  }
  for (const before of byQualifiedName(from.enums)) {
    if (!toEnums.has(qualifiedKey(before))) drop.push({ kind: "dropEnum", enum: before });
  }

  const watched = new Map<string, EnumModel>();
  for (const { before } of [...extended, ...replaced]) watched.set(types.enumTypeName(before), before);
  const usages = findUsages(from, to, watched, types);

  for (const { before, after } of extended) {
    const name = { schema: after.schema, name: after.name };
    // Columns as they stand when the value is added: the reverse (a recreate) converts them.
    const standing = (usages.all.get(qualifiedKey(before)) ?? []).map((u) => ({ ...u, newDefault: u.default }));
    const current = [...before.values];
    after.values.forEach((value, i) => {
      if (current.includes(value)) return;
      const position = i > 0 ? { after: after.values[i - 1]! } : current.length > 0 ? { before: current[0]! } : {};
      create.push({ kind: "addEnumValue", enum: name, value, ...position, previousValues: [...current], usages: standing });
      current.splice(i, 0, value);
    });
  }
  const convertedColumns = new Set<string>();
  const recreatedTypes = new Set<string>();
  for (const { before, after } of replaced) {
    const kept = usages.kept.get(qualifiedKey(before)) ?? [];
    for (const usage of kept) convertedColumns.add(`${qualifiedKey(usage.table)}\u0000${usage.column}`);
    recreatedTypes.add(types.enumTypeName(after));
    recreate.push({ kind: "recreateEnum", enum: { schema: after.schema, name: after.name }, values: after.values, previousValues: before.values, usages: kept });
  }
  return { create, recreate, drop, recreatedTypes, convertedColumns };
}

/**
 * PostgreSQL refuses to use a value added by ALTER TYPE ... ADD VALUE before
 * its transaction commits, and a revision runs in one transaction. When the
 * target schema already uses a new value in an expression (a default, check,
 * predicate, generated column or view), the type is recreated instead.
 */
function usesNewValue(to: SchemaModel, before: EnumModel, after: EnumModel, types: DialectTypes): boolean {
  const type = types.enumTypeName(after);
  const added = after.values.filter((v) => !before.values.includes(v)).map((v) => types.castLiteral(v, type));
  const mentions = (text: string | null): boolean => text !== null && added.some((literal) => text.includes(literal));
  for (const table of to.tables) {
    if (table.columns.some((c) => mentions(c.default) || mentions(c.generated))) return true;
    if (table.checks.some((c) => mentions(c.expression)) || table.indexes.some((i) => mentions(i.where))) return true;
  }
  return to.views.some((v) => mentions(v.definition));
}

/** New list = old list with values inserted (old order kept): ADD VALUE can do it. */
function isInsertionOnly(before: readonly string[], after: readonly string[]): boolean {
  let i = 0;
  for (const value of after) if (value === before[i]) i++;
  return i === before.length && new Set(after).size === after.length;
}

interface Usages {
  /** Every column of `from` of each watched enum (key: the enum's qualifiedKey). */
  readonly all: Map<string, EnumUsage[]>;
  /** Those that keep the same type in `to`: the ones a recreate converts. */
  readonly kept: Map<string, EnumUsage[]>;
}

function findUsages(from: SchemaModel, to: SchemaModel, watched: ReadonlyMap<string, EnumModel>, types: DialectTypes): Usages {
  const all = new Map<string, EnumUsage[]>();
  const kept = new Map<string, EnumUsage[]>();
  if (watched.size === 0) return { all, kept };
  const toTables = new Map(to.tables.map((t) => [qualifiedKey(t), t]));
  const tables = byQualifiedName(from.tables);
  for (const table of tables) {
    const target = toTables.get(qualifiedKey(table));
    const targetColumns = target ? new Map(target.columns.map((c) => [c.name, c])) : new Map();
    for (const column of table.columns) {
      const { base, array } = enumOf(column.type, types);
      const found = watched.get(base);
      if (!found) continue;
      const name = { schema: table.schema, name: table.name };
      const usage: EnumUsage = { table: name, column: column.name, array, default: column.default };
      push(all, qualifiedKey(found), usage);
      const next = targetColumns.get(column.name);
      if (next && next.type === column.type) push(kept, qualifiedKey(found), { ...usage, newDefault: next.default });
    }
  }
  return { all, kept };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
