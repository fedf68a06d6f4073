/**
 * Quoting for MySQL and MariaDB. Identifiers are always backquoted (so case,
 * dots, spaces and keywords survive as written). Text becomes a literal that
 * means the same whether NO_BACKSLASH_ESCAPES is on or off, because an
 * offline script may run under either: text without a backslash is a plain
 * `'...'` (quotes doubled), which both modes read alike; text with one (or a
 * NUL) is written in hex under an explicit character set
 * (`_utf8mb4 X'5c27'`), which no mode reads as anything but those bytes.
 * The hex form is an expression literal: COMMENT and ENUM lists take only the
 * quoted form (see commentStatements in sql/comments.ts for how a comment
 * with a backslash is written).
 */
import { MigratorError } from "../../errors";
import { DEFAULT_SCHEMA, type QualifiedName } from "../../model/types";

/** MySQL and MariaDB refuse an identifier longer than this many characters (not bytes). */
export const MAX_IDENTIFIER_LENGTH = 64;

/** `my`odd`.name` -> `` `my``odd``.name` ``; refuses names the server would refuse or change. */
export function quoteIdent(name: string): string {
  const problem = identifierProblem(name);
  if (problem !== undefined) {
    throw new MigratorError(`the identifier ${JSON.stringify(name)} ${problem}`, {
      hint: `use a name of 1 to ${MAX_IDENTIFIER_LENGTH} characters, without NUL, characters beyond U+FFFF or trailing spaces`,
    });
  }
  return backquoted(name);
}

const UNCOMMON = /[\u0000\uD800-\uDFFF]/;

/** Why MySQL would not keep `name` as written, or undefined when it would. */
export function identifierProblem(name: string): string | undefined {
  // the common case at a glance: without NUL or surrogates, characters are UTF-16 units and none is beyond U+FFFF
  if (name.length > 0 && name.length <= MAX_IDENTIFIER_LENGTH && !UNCOMMON.test(name) && !name.endsWith(" ")) return undefined;
  if (name.length === 0) return "is empty";
  if (name.includes("\u0000")) return "contains a NUL character, which MySQL identifiers cannot hold";
  const characters = [...name];
  if (characters.length > MAX_IDENTIFIER_LENGTH) {
    return `is ${characters.length} characters long; MySQL and MariaDB refuse identifiers over ${MAX_IDENTIFIER_LENGTH} characters`;
  }
  if (characters.some((c) => c.codePointAt(0)! > 0xffff)) return "contains a character beyond U+FFFF, which MySQL identifiers cannot hold";
  // the server strips them from database, table and column names, so the name written would not be found again
  if (name.endsWith(" ")) return "ends with a space, which MySQL drops from database, table and column names";
  return undefined;
}

/** `` my`odd `` -> `` `my``odd` ``, unchecked: for spellings the callers check themselves. */
export function backquoted(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

/**
 * `{ schema, name }` -> `` `schema`.`name` ``. The neutral default schema
 * (`public`, what a revision's plain `"user"` resolves to) is the
 * connection's current database on MySQL, so it is left unqualified: the
 * same revision file runs on both dialects.
 */
export function qualified(name: QualifiedName): string {
  return name.schema === DEFAULT_SCHEMA ? quoteIdent(name.name) : `${quoteIdent(name.schema)}.${quoteIdent(name.name)}`;
}

/** Text that NO_BACKSLASH_ESCAPES reads differently from the default mode (or that a quoted literal cannot carry). */
export function needsHex(value: string): boolean {
  return value.includes("\\") || value.includes("\u0000");
}

/** `it's` -> `'it''s'`; a backslash or NUL -> `_utf8mb4 X'...'`. The one place text becomes an SQL string literal. */
export function quoteLiteral(value: string): string {
  if (needsHex(value)) return `_utf8mb4 X'${Buffer.from(value, "utf8").toString("hex")}'`;
  return quotedOnly(value);
}

/**
 * `'...'` with quotes doubled, for places the grammar takes only a quoted
 * string (COMMENT, ENUM and SET values). Refuses a backslash or NUL, which no
 * quoted form reads the same under both NO_BACKSLASH_ESCAPES settings.
 */
export function quotedOnly(value: string): string {
  if (needsHex(value)) {
    throw new MigratorError(`the text ${JSON.stringify(value.slice(0, 40))} holds a backslash or NUL, which MySQL reads differently under NO_BACKSLASH_ESCAPES`, {
      hint: "write it without a backslash, or through op.execute with the statement you mean",
    });
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `'...'` with backslashes and quotes escaped by a backslash: correct only
 * while NO_BACKSLASH_ESCAPES is off, which sql/comments.ts makes sure of
 * around the one statement that uses it.
 */
export function backslashEscaped(value: string): string {
  if (value.includes("\u0000")) throw new MigratorError(`the text ${JSON.stringify(value.slice(0, 40))} contains a NUL character`);
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/**
 * A JS value as an SQL literal, for offline output where parameters cannot be
 * bound; it means what mysql2 sends for the same value: numbers and bigints
 * as numbers, booleans as 1/0 (MySQL's BOOLEAN is tinyint(1)), dates as
 * `'YYYY-MM-DD HH:MM:SS.mmm'` in UTC, buffers as hex, objects and arrays as
 * JSON text.
 */
export function renderLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") return renderNumber(value);
  if (typeof value === "bigint") return value < 0n ? `(${value})` : String(value);
  if (typeof value === "string") return quoteLiteral(value);
  if (value instanceof Date) return quoteLiteral(utcDateTime(value));
  if (value instanceof Uint8Array) return `X'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}'`;
  if (typeof value === "object") {
    const text = JSON.stringify(value);
    if (text === undefined) throw new MigratorError("cannot write this object as JSON");
    return quoteLiteral(text);
  }
  throw new MigratorError(`cannot write a ${typeof value} as an SQL literal`);
}

function renderNumber(value: number): string {
  if (!Number.isFinite(value)) throw new MigratorError(`MySQL has no literal for ${value}: its numbers are finite`);
  // Parenthesised so that `5-?` with -1 cannot read as `5--1` next to other text.
  return value < 0 || Object.is(value, -0) ? `(${String(value)})` : String(value);
}

/** `2024-02-03 04:05:06.789`: the DATETIME/TIMESTAMP text MySQL reads, in UTC. */
export function utcDateTime(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new MigratorError("cannot write an invalid Date as an SQL literal");
  return value.toISOString().replace("T", " ").replace("Z", "");
}
