/**
 * How model names are shown to people and ordered. Display only: messages,
 * `check`'s descriptions, a revision's comments. SQL gets its identifiers
 * and literals from the dialect's quoting (`dialect.quote`), never from here.
 */
import { DEFAULT_SCHEMA, type QualifiedName } from "./types";

/** `my "odd"` -> `"my ""odd"""`: a name shown unambiguously, whatever it contains. */
export function displayIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"sales"."orders"`, both parts shown. */
export function displayQualified(name: QualifiedName): string {
  return `${displayIdent(name.schema)}.${displayIdent(name.name)}`;
}

/** `"orders"` in the default schema, `"sales"."orders"` elsewhere: the way messages name a table. */
export function displayTable(table: QualifiedName): string {
  return table.schema === DEFAULT_SCHEMA ? displayIdent(table.name) : displayQualified(table);
}

export function displayColumn(table: QualifiedName, column: string): string {
  return `${displayTable(table)}.${displayIdent(column)}`;
}

/**
 * `it's` -> `'it''s'`: a value shown in quotes. One holding a backslash is
 * shown as `E'a\\b'`, the form SQL reads the same under every setting, so a
 * message shows it as a script would write it.
 */
export function displayLiteral(value: string): string {
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return value.includes("\\") ? `E${quoted.replace(/\\/g, "\\\\")}` : quoted;
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

/** A sorted copy, by name alone (constraints, indexes, columns: names unique within their table). */
export function sortedByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name, b.name));
}
