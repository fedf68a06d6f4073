/**
 * The catalog comes back as JSON (one round trip, the same on pg and PGlite);
 * these helpers narrow its `unknown` values field by field.
 */
import { MigratorError } from "../../../errors";

export { byQualifiedName, compareText } from "../../../model/names";

export type JsonRow = Readonly<Record<string, unknown>>;

export function rowsOf(value: unknown, what: string): JsonRow[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw unexpected(what, value);
  return value.map((row) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) throw unexpected(what, row);
    return row as JsonRow;
  });
}

export function text(row: JsonRow, field: string): string {
  const value = row[field];
  if (typeof value !== "string") throw unexpected(field, value);
  return value;
}

export function textOrNull(row: JsonRow, field: string): string | null {
  const value = row[field];
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw unexpected(field, value);
  return value;
}

export function flag(row: JsonRow, field: string): boolean {
  const value = row[field];
  if (typeof value !== "boolean") throw unexpected(field, value);
  return value;
}

export function integer(row: JsonRow, field: string): number {
  const value = row[field];
  if (typeof value !== "number" || !Number.isInteger(value)) throw unexpected(field, value);
  return value;
}

export function texts(row: JsonRow, field: string): string[] {
  const value = row[field];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) throw unexpected(field, value);
  return value;
}

/** The JSON text of a column may arrive parsed (pg, PGlite) or as a string (a driver without a json parser). */
export function parsedJson(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}

function unexpected(what: string, value: unknown): MigratorError {
  return new MigratorError(`the catalog query returned an unexpected ${what}: ${JSON.stringify(value)?.slice(0, 80)}`, {
    hint: "this is a bug in migrator's introspection; please report it with your PostgreSQL version",
  });
}
