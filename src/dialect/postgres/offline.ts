/**
 * Offline output (`--sql`): a statement with its parameters written in as
 * literals. Only `$n` placeholders in plain SQL text are replaced; the same
 * characters inside string literals, quoted identifiers, comments and
 * dollar-quoted bodies are left alone.
 */
import { MigratorError } from "../../errors";
import { renderLiteral } from "./quote";
import { skipRegion } from "./split-statements";
import type { Statement } from "../statement";

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

/**
 * When a quoted region or comment starts at `i`, the index just after it
 * (the end of the text when it is not closed); else `i`. The lexing is the
 * statement splitter's (skipRegion), so both read SQL alike.
 */
export function skipQuoted(sql: string, i: number): number {
  const region = skipRegion(sql, i);
  if (region === undefined) return i;
  return "end" in region ? region.end : sql.length;
}
