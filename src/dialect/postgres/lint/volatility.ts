/**
 * How the rows already in a table get a new column's default. PostgreSQL
 * 11+ evaluates a non-volatile default once and stores it in the catalog
 * (no rewrite); a volatile one is evaluated per row, rewriting the table.
 * Volatility is the server's knowledge (pg_proc.provolatile); offline, lint
 * knows it for the functions a default commonly calls, and says "unknown"
 * for any other function.
 */
import type { Node } from "libpg-query";
import type { ColumnFill } from "../../lint";
import { parseSql } from "./parser";

const VOLATILE = new Set([
  "random",
  "random_normal",
  "gen_random_uuid",
  "uuidv4",
  "uuidv7",
  "uuid_generate_v1",
  "uuid_generate_v1mc",
  "uuid_generate_v4",
  "clock_timestamp",
  "timeofday",
  "nextval",
  "setval",
  "txid_current",
  "pg_current_xact_id",
]);

/** Immutable or stable: evaluated once for the whole ADD COLUMN. */
const ONCE = new Set([
  "now",
  "transaction_timestamp",
  "statement_timestamp",
  "current_setting",
  "lower",
  "upper",
  "length",
  "concat",
  "abs",
  "round",
  "date_trunc",
  "timezone",
  "make_date",
  "make_interval",
  "to_timestamp",
  "to_jsonb",
  "to_json",
  "jsonb_build_object",
  "jsonb_build_array",
  "json_build_object",
  "json_build_array",
  "array_fill",
]);

/** A default spelled as a plain literal, cast or not: no need to load the parser for it. */
const PLAIN_LITERAL = /^\(*\s*(?:'(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false|null)\s*\)*(?:::[\w ."[\]()]+)?$/i;

export interface Fill {
  readonly fill: ColumnFill;
  /** The volatile or unknown function, for the message. */
  readonly because?: string;
}

/** How existing rows get the default `expression` (SQL text). */
export async function defaultFill(expression: string): Promise<Fill> {
  if (PLAIN_LITERAL.test(expression.trim())) return { fill: "constant" };
  const parsed = await parseSql(`SELECT ${expression}`);
  if (!parsed.ok) return { fill: "unknown", because: expression };
  return expressionFill(parsed.result.stmts?.[0]?.stmt);
}

/** The same for a default already parsed (ADD COLUMN in raw SQL). */
export function expressionFill(expression: Node | undefined): Fill {
  let unknown: string | undefined;
  for (const name of functionNames(expression)) {
    if (VOLATILE.has(name)) return { fill: "per-row", because: `${name}()` };
    if (!ONCE.has(name)) unknown ??= `${name}()`;
  }
  return unknown === undefined ? { fill: "constant" } : { fill: "unknown", because: unknown };
}

/** Every function called anywhere in the tree, by its unqualified name, lower case. */
function functionNames(tree: unknown): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const call = (value as { FuncCall?: { funcname?: Node[] } }).FuncCall;
    const last = call?.funcname?.[call.funcname.length - 1];
    if (last !== undefined && "String" in last && last.String.sval !== undefined) names.push(last.String.sval.toLowerCase());
    for (const child of Object.values(value)) visit(child);
  };
  visit(tree);
  return names;
}
