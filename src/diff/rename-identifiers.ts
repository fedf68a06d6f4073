/**
 * After `ALTER TABLE ... RENAME COLUMN`, PostgreSQL renders every check,
 * index predicate, index expression and generated expression of the table
 * with the new name (it stores them as parse trees). The differ simulates the
 * rename on the database's model, so it renames identifiers in those texts
 * the same way, token by token: string literals, quoted identifiers, type
 * names after `::` and function names are told apart, never pattern-replaced.
 */
/** `printIdentifier` spells a renamed identifier as the database prints it (`dialect.types.printIdentifier`). */
export function renameIdentifiers(expression: string, renames: ReadonlyMap<string, string>, printIdentifier: (name: string) => string): string {
  if (renames.size === 0) return expression;
  let out = "";
  let i = 0;
  const text = expression;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "'") {
      // a string literal: '' is an escaped quote inside it
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let name = "";
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') {
          name += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else name += text[j++];
      }
      out += replacement(name, text, i, j + 1, renames, printIdentifier) ?? text.slice(i, j + 1);
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_$]/.test(text[j] as string)) j++;
      const word = text.slice(i, j);
      out += replacement(word, text, i, j, renames, printIdentifier) ?? word;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** The renamed identifier, or null when this token is not a column reference to rename. */
function replacement(
  name: string,
  text: string,
  start: number,
  end: number,
  renames: ReadonlyMap<string, string>,
  printIdentifier: (name: string) => string,
): string | null {
  const renamed = renames.get(name);
  if (renamed === undefined) return null;
  const before = text.slice(0, start).trimEnd();
  if (before.endsWith("::") || before.endsWith(".")) return null; // a type name, or a qualified name's later part
  if (/^\s*\(/.test(text.slice(end))) return null; // a function call
  return printIdentifier(renamed);
}

/**
 * After `ALTER TYPE old RENAME TO new`, PostgreSQL prints the type's new name
 * wherever it appears: column types, casts in defaults, checks, predicates.
 * `from` and `to` are canonical spellings (`public.audit_log_level_enum`);
 * a match must stand alone (not part of a longer name) and outside string
 * literals and other quoted identifiers.
 */
export function renameTypeName(expression: string, from: string, to: string): string {
  if (!expression.includes(from)) return expression;
  let out = "";
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i] as string;
    if (expression.startsWith(from, i) && standsAlone(expression, i, i + from.length)) {
      out += to;
      i += from.length;
    } else if (ch === "'" || ch === '"') {
      const end = closingQuote(expression, i);
      out += expression.slice(i, end);
      i = end;
    } else if (/[A-Za-z0-9_$]/.test(ch)) {
      // a whole word: a match never starts inside one
      let j = i + 1;
      while (j < expression.length && /[A-Za-z0-9_$]/.test(expression[j] as string)) j++;
      out += expression.slice(i, j);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  const inName = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$"]/.test(c);
  return !inName(before) && before !== "." && !inName(after) && after !== ".";
}

/** Index just after the literal or quoted identifier opening at `start` (a doubled quote stays inside). */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  let j = start + 1;
  while (j < text.length) {
    if (text[j] === quote && text[j + 1] === quote) j += 2;
    else if (text[j] === quote) return j + 1;
    else j++;
  }
  return text.length;
}
