/**
 * The runtime's own quoting of its table names and values. Values go as
 * plain '...' when they hold only characters no sql_mode reads differently,
 * else as a utf8mb4 hex literal, which means the same whether backslashes
 * escape (the default) or not (NO_BACKSLASH_ESCAPES).
 */
import type { QualifiedName } from "../../../model/types";

export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

/**
 * A runtime table's name. The configured schema `public` (the default,
 * PostgreSQL's) means the connection's own database, where unqualified
 * names go; any other schema is the database of that name.
 */
export function qualified(name: QualifiedName): string {
  return name.schema === "public" ? quoteIdent(name.name) : `${quoteIdent(name.schema)}.${quoteIdent(name.name)}`;
}

/** The schema as a value for information_schema (null: the connection's database, see `qualified`). */
export function schemaValue(name: QualifiedName): string | null {
  return name.schema === "public" ? null : name.schema;
}

export function quoteLiteral(value: string): string {
  if (/^[A-Za-z0-9 _.,:;@+\-/()=<>*#!?~]*$/.test(value)) return `'${value}'`;
  return `_utf8mb4 X'${Buffer.from(value, "utf8").toString("hex")}'`;
}

/** A Date as a DATETIME(6) literal in UTC (the log's times are UTC). */
export function utcDatetime(date: Date): string {
  return `'${date.toISOString().replace("T", " ").replace("Z", "")}'`;
}
