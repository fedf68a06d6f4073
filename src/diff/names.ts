/** Rename hints as users write them: `orders` or `sales.orders` (display and ordering live in src/model/names). */
import { DEFAULT_SCHEMA, type QualifiedName } from "../model/types";

/** The form a user types in a hint: `orders` or `sales.orders`. */
export function hintTable(table: QualifiedName): string {
  return table.schema === DEFAULT_SCHEMA ? table.name : `${table.schema}.${table.name}`;
}

/** Parse `name` or `schema.name` as written in a rename hint. */
export function parseHintTable(text: string): QualifiedName {
  const dot = text.indexOf(".");
  return dot < 0 ? { schema: DEFAULT_SCHEMA, name: text } : { schema: text.slice(0, dot), name: text.slice(dot + 1) };
}
