/**
 * PostgreSQL renders expressions (defaults, checks, predicates, view bodies)
 * with plain '...' literals spelled for the session's
 * standard_conforming_strings: `'a\b'` when on, `'a\\b'` when off; it never
 * writes E'...'. migrator writes these texts into revisions and scripts that
 * may run under the other setting, so a plain literal holding a backslash is
 * rewritten as the escape string `E'a\\b'`, which both settings read alike.
 */
import { quoteLiteral } from "./quote";
import { skipQuoted } from "./offline";

export function portableLiterals(sql: string, standardStrings: boolean): string {
  if (!sql.includes("\\")) return sql;
  let out = "";
  let i = 0;
  while (i < sql.length) {
    if (sql[i] === "'" && !/[\p{L}\p{N}_$&]/u.test(sql[i - 1] ?? "")) {
      const { value, end, backslash } = plainLiteral(sql, i + 1, standardStrings);
      out += backslash ? quoteLiteral(value) : sql.slice(i, end);
      i = end;
      continue;
    }
    const end = skipQuoted(sql, i);
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    out += sql[i];
    i += 1;
  }
  return out;
}

/** The value of the plain literal whose body starts at `i`, and the index after its closing quote. */
function plainLiteral(sql: string, i: number, standardStrings: boolean): { value: string; end: number; backslash: boolean } {
  let value = "";
  let backslash = false;
  while (i < sql.length) {
    const c = sql[i] ?? "";
    if (c === "\\") backslash = true;
    // with the setting off PostgreSQL's renderer escapes only backslashes (and quotes by doubling)
    if (c === "\\" && !standardStrings && i + 1 < sql.length) {
      value += sql[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      if (sql[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1, backslash };
    }
    value += c;
    i += 1;
  }
  return { value, end: sql.length, backslash };
}
