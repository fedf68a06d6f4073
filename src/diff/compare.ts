/** Structural equality of model parts, with optional fields read at their defaults; what a list of them drops and creates. */
import { sortedByName } from "../model/names";
import type {
  CheckModel,
  ExclusionModel,
  ForeignKeyModel,
  IndexKey,
  IndexModel,
  PrimaryKeyModel,
  UniqueModel,
  ViewModel,
} from "../model/types";

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function sameKey(a: IndexKey, b: IndexKey): boolean {
  const descA = a.descending ?? false;
  const descB = b.descending ?? false;
  // PostgreSQL's default: NULLS FIRST for DESC, NULLS LAST for ASC.
  const nullsA = a.nullsFirst ?? descA;
  const nullsB = b.nullsFirst ?? descB;
  if (descA !== descB || nullsA !== nullsB) return false;
  if ("column" in a) return "column" in b && a.column === b.column;
  return "expression" in b && a.expression === b.expression;
}

export function sameIndex(a: IndexModel, b: IndexModel): boolean {
  return (
    a.name === b.name &&
    a.unique === b.unique &&
    a.method === b.method &&
    a.where === b.where &&
    sameList(a.include, b.include) &&
    a.keys.length === b.keys.length &&
    a.keys.every((key, i) => sameKey(key, b.keys[i]!))
  );
}

export function samePrimaryKey(a: PrimaryKeyModel | null, b: PrimaryKeyModel | null): boolean {
  if (a === null || b === null) return a === b;
  return a.name === b.name && sameList(a.columns, b.columns);
}

export function sameUnique(a: UniqueModel, b: UniqueModel): boolean {
  return a.name === b.name && sameList(a.columns, b.columns) && a.deferrable === b.deferrable && a.initiallyDeferred === b.initiallyDeferred;
}

export function sameForeignKey(a: ForeignKeyModel, b: ForeignKeyModel): boolean {
  return (
    a.name === b.name &&
    sameList(a.columns, b.columns) &&
    a.referencedTable.schema === b.referencedTable.schema &&
    a.referencedTable.name === b.referencedTable.name &&
    sameList(a.referencedColumns, b.referencedColumns) &&
    a.onDelete === b.onDelete &&
    a.onUpdate === b.onUpdate &&
    a.deferrable === b.deferrable &&
    a.initiallyDeferred === b.initiallyDeferred
  );
}

export function sameCheck(a: CheckModel, b: CheckModel): boolean {
  return a.name === b.name && a.expression === b.expression;
}

export function sameExclusion(a: ExclusionModel, b: ExclusionModel): boolean {
  return a.name === b.name && a.definition === b.definition;
}

/** The view itself; its indexes are compared one by one. */
export function sameViewBody(a: ViewModel, b: ViewModel): boolean {
  return a.materialized === b.materialized && a.definition === b.definition;
}

/** A lookup by name; later duplicates win (names are unique per table). */
export function indexByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name, item]));
}

/**
 * What a changed list of named objects drops and creates: an object the
 * other side lacks, or holds differently under its name, is dropped and
 * created again. Each list in name order.
 */
export function changedByName<T extends { readonly name: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (before: T, after: T) => boolean,
): { readonly dropped: T[]; readonly created: T[] } {
  const afterByName = indexByName(after);
  const beforeByName = indexByName(before);
  const dropped = sortedByName(before).filter((item) => {
    const next = afterByName.get(item.name);
    return next === undefined || !same(item, next);
  });
  const created = sortedByName(after).filter((item) => {
    const old = beforeByName.get(item.name);
    return old === undefined || !same(old, item);
  });
  return { dropped, created };
}
