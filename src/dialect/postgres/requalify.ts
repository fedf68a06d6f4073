/**
 * Moves the schema qualifier of names inside SQL text (a type, a default, a
 * check, an index predicate, a view's SELECT): `'open'::public.status` with
 * `public` -> `tenant_a` reads `'open'::tenant_a.status`, and with `public`
 * -> null reads `'open'::status`, left to the session's search_path.
 *
 * Token by token: string literals (plain, E'...' with backslash escapes,
 * dollar-quoted), comments, and names that are not the first part of a
 * qualified name are copied as they are; only `SCHEMA.` itself, quoted or
 * not, at the head of a name, is moved.
 */
import { doubleQuoted } from "./quote";

export function requalify(sql: string, from: string, to: string | null): string {
  if (from === to) return sql;
  let out = "";
  let i = 0;
  // the previous significant character: a name after `.` is not at the head of a qualified name
  let afterDot = false;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === "'" || ((ch === "E" || ch === "e") && next === "'" && !identChar(sql[i - 1]))) {
      const end = stringEnd(sql, ch === "'" ? i : i + 1, ch !== "'");
      out += sql.slice(i, end);
      i = end;
      afterDot = false;
    } else if (ch === "$" && !identChar(sql[i - 1])) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      const close = tag === undefined ? -1 : sql.indexOf(tag, i + tag.length);
      const end = tag === undefined ? i + 1 : close < 0 ? sql.length : close + tag.length;
      out += sql.slice(i, end);
      i = end;
      afterDot = false;
    } else if (ch === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '"' || identStart(ch)) {
      const end = ch === '"' ? quotedEnd(sql, i) : nameEnd(sql, i);
      const token = sql.slice(i, end);
      const name = ch === '"' ? token.slice(1, -1).replace(/""/g, '"') : token.toLowerCase();
      if (!afterDot && name === from && sql[end] === ".") {
        out += to === null ? "" : `${spell(to)}.`;
        i = end + 1;
      } else {
        out += token;
        i = end;
      }
      afterDot = false;
    } else {
      out += ch;
      i += 1;
      if (!/\s/.test(ch)) afterDot = ch === ".";
    }
  }
  return out;
}

/** Unquoted when PostgreSQL would print it so (lower case, not starting with a digit), else quoted. */
function spell(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : doubleQuoted(name);
}

function identStart(ch: string): boolean {
  return /[A-Za-z_\u0080-\uffff]/.test(ch);
}

function identChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(ch);
}

function nameEnd(sql: string, i: number): number {
  let j = i + 1;
  while (identChar(sql[j])) j++;
  return j;
}

function quotedEnd(sql: string, i: number): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
    else if (sql[j] === '"') return j + 1;
    else j++;
  }
  return sql.length;
}

/** Past the closing quote of the literal opening at `quote`; `escapes`: an E'...' string, where \' is a quote too. */
function stringEnd(sql: string, quote: number, escapes: boolean): number {
  let j = quote + 1;
  while (j < sql.length) {
    if (escapes && sql[j] === "\\") j += 2;
    else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
    else if (sql[j] === "'") return j + 1;
    else j++;
  }
  return sql.length;
}

