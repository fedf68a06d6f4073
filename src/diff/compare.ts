/** Structural equality of model parts, with optional fields read at their defaults. */
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

/** Index a list by a key; later duplicates win (names are unique per table in PostgreSQL). */
export function byName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name, item]));
}
