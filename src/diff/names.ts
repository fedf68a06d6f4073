/** Naming helpers: how tables and types are shown in messages and spelled in canonical types. */
import { DEFAULT_SCHEMA, type QualifiedName } from "../model/types";

/** `"orders"` in the default schema, `"sales"."orders"` elsewhere: the way messages name a table. */
export function displayTable(table: QualifiedName): string {
  return table.schema === DEFAULT_SCHEMA ? `"${table.name}"` : `"${table.schema}"."${table.name}"`;
}

export function displayColumn(table: QualifiedName, column: string): string {
  return `${displayTable(table)}."${column}"`;
}

/** The form a user types in a hint: `orders` or `sales.orders`. */
export function hintTable(table: QualifiedName): string {
  return table.schema === DEFAULT_SCHEMA ? table.name : `${table.schema}.${table.name}`;
}

/** Parse `name` or `schema.name` as written in a rename hint. */
export function parseHintTable(text: string): QualifiedName {
  const dot = text.indexOf(".");
  return dot < 0 ? { schema: DEFAULT_SCHEMA, name: text } : { schema: text.slice(0, dot), name: text.slice(dot + 1) };
}

/** Identifier as format_type prints it: bare when plain lower-case, double-quoted otherwise. */
function formatIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** An enum type as it appears in a canonical column type (`public.mood_enum`). */
export function enumTypeName(name: QualifiedName): string {
  return `${formatIdent(name.schema)}.${formatIdent(name.name)}`;
}

export function sameName(a: QualifiedName, b: QualifiedName): boolean {
  return a.schema === b.schema && a.name === b.name;
}

/** Byte-wise comparison, so the order never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNames(a: QualifiedName, b: QualifiedName): number {
  return compareText(a.schema, b.schema) || compareText(a.name, b.name);
}
