/**
 * MySQL's lexer, as far as splitting and parameter inlining need it: where a
 * quoted region or comment starts and ends. Strings in '...' and "..." end at
 * an undoubled quote and take backslash escapes (the default sql_mode;
 * NO_BACKSLASH_ESCAPES scripts read a trailing backslash differently, which
 * this does not follow); names in `...` double their backquote. Comments are
 * `#` and `-- ` (two dashes and a blank or control character) to the end of
 * the line, and /* *\/, which do not nest. `/*!` and `/*M!` comments are code
 * the server runs (mysqldump's version guards), so they count as code.
 */
import type { SqlRegion } from "../../sql";

export function skipRegion(sql: string, i: number): SqlRegion | undefined {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "'" || c === '"') return closeAt(untilQuote(sql, i + 1, c, true), false, "quoted string", i);
  if (c === "`") return closeAt(untilQuote(sql, i + 1, "`", false), false, "quoted identifier", i);
  if (c === "#" || (c === "-" && next === "-" && (i + 2 >= sql.length || /[\s\x00-\x1f]/.test(sql[i + 2]!)))) {
    const end = sql.indexOf("\n", i);
    return { end: end < 0 ? sql.length : end + 1, comment: true };
  }
  if (c === "/" && next === "*") {
    const close = sql.indexOf("*/", i + 2);
    const executable = sql[i + 2] === "!" || (sql[i + 2] === "M" && sql[i + 3] === "!");
    return closeAt(close < 0 ? -1 : close + 2, !executable, "block comment", i);
  }
  return undefined;
}

function closeAt(end: number, comment: boolean, what: "quoted string" | "quoted identifier" | "block comment", at: number): SqlRegion {
  return end < 0 ? { unterminated: { what, at } } : { end, comment };
}

/** Past the closing quote (a doubled one is part of the text), or -1. */
function untilQuote(sql: string, from: number, quote: string, escapes: boolean): number {
  let i = from;
  while (i < sql.length) {
    const c = sql[i];
    if (escapes && c === "\\") {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
      continue;
    }
    i += 1;
  }
  return -1;
}

/** Characters that continue an unquoted identifier. */
export function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
}
