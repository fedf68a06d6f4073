/**
 * Offline output (`--sql`): a statement with its parameters written in as
 * literals. Only `$n` placeholders in plain SQL text are replaced; the same
 * characters inside string literals, quoted identifiers, comments and
 * dollar-quoted bodies are left alone.
 */
import { MigratorError } from "../../errors";
import { renderLiteral } from "../quote";
import type { Statement } from "./statement";

export function toOfflineSql(statement: Statement): string {
  const params = statement.params ?? [];
  if (params.length === 0) return statement.sql;
  return inlineParams(statement.sql, params);
}

export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const end = skipQuoted(sql, i);
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    const placeholder = /^\$(\d+)/.exec(sql.slice(i, i + 12));
    if (placeholder !== null && !isIdentChar(sql[i - 1])) {
      const index = Number(placeholder[1]) - 1;
      if (index < 0 || index >= params.length) {
        throw new MigratorError(`the SQL refers to $${index + 1} but only ${params.length} parameter(s) were given: ${sql.slice(0, 80)}`);
      }
      out += renderLiteral(params[index]);
      i += placeholder[0].length;
      continue;
    }
    out += sql[i];
    i += 1;
  }
  return out;
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
}

/** When a quoted region or comment starts at `i`, the index just after it; else `i`. */
export function skipQuoted(sql: string, i: number): number {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "'") {
    // E'...' strings treat backslash as an escape.
    const escapes = i > 0 && /[eE]/.test(sql[i - 1] ?? "") && !isIdentChar(sql[i - 2]);
    return skipUntilQuote(sql, i + 1, "'", escapes);
  }
  if (c === '"') return skipUntilQuote(sql, i + 1, '"', false);
  if (c === "-" && next === "-") {
    const newline = sql.indexOf("\n", i);
    return newline === -1 ? sql.length : newline + 1;
  }
  if (c === "/" && next === "*") return skipBlockComment(sql, i);
  if (c === "$" && !isIdentChar(sql[i - 1])) {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (tag !== null) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return close === -1 ? sql.length : close + tag[0].length;
    }
  }
  return i;
}

function skipUntilQuote(sql: string, i: number, quote: string, escapes: boolean): number {
  while (i < sql.length) {
    if (escapes && sql[i] === "\\") {
      i += 2;
      continue;
    }
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return sql.length;
}

/** Block comments nest in PostgreSQL. */
function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth += 1;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}
