/** How model names are shown in messages, spelled inside canonical type names, and ordered. */
import { DEFAULT_SCHEMA, type QualifiedName } from "./types";

/** `"orders"` in the default schema, `"sales"."orders"` elsewhere: the way messages name a table. */
export function displayTable(table: QualifiedName): string {
  return table.schema === DEFAULT_SCHEMA ? `"${table.name}"` : `"${table.schema}"."${table.name}"`;
}

export function displayColumn(table: QualifiedName, column: string): string {
  return `${displayTable(table)}."${column}"`;
}

/** Keywords PostgreSQL quotes when it prints an identifier (quote_ident), besides non-plain names. */
const RESERVED = new Set(
  ("all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog " +
    "current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except " +
    "false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp " +
    "not null offset on only or order placing primary references returning select session_user some symmetric system_user table " +
    "then to trailing true union unique user using variadic when where window with").split(" "),
);

/** An identifier as PostgreSQL prints it: bare when it can be, double-quoted otherwise. */
export function printIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** An enum type as it appears in a canonical column type (`public.mood_enum`, `public."user"`). */
export function enumTypeName(name: QualifiedName): string {
  return `${printIdentifier(name.schema)}.${printIdentifier(name.name)}`;
}

/** Plain code-unit order, the same in every locale (the database's collation may differ). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Schema, then name, in compareText order. */
export function compareNames(a: QualifiedName, b: QualifiedName): number {
  return compareText(a.schema, b.schema) || compareText(a.name, b.name);
}

/** A sorted copy, by schema then name. */
export function byQualifiedName<T extends QualifiedName>(items: readonly T[]): T[] {
  return [...items].sort(compareNames);
}
