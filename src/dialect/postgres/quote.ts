/**
 * Quoting for PostgreSQL. Identifiers are always double-quoted (so case,
 * dots, spaces and keywords survive as written). Values become literals that
 * mean the same whatever `standard_conforming_strings` says, as the offline
 * script may run on a server where it is off: a value with a backslash is
 * written as an escape string (`E'...'`, backslashes and quotes doubled),
 * any other as a plain `'...'` (quotes doubled), which both settings read alike.
 */
import { MigratorError } from "../../errors";
import type { QualifiedName } from "../../model/types";

/** PostgreSQL keeps this many bytes of an identifier (NAMEDATALEN - 1) and drops the rest. */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * `my "odd".name` -> `"my ""odd"".name"`. A name longer than PostgreSQL
 * keeps is refused: it would be created under its first 63 bytes and then
 * never found again by the name that was written (a revision's own op calls;
 * entity names are checked earlier, naming the entity).
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new MigratorError("an SQL identifier cannot be empty");
  if (name.includes("\u0000")) throw new MigratorError(`the identifier ${JSON.stringify(name)} contains a NUL character`);
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new MigratorError(`the identifier "${name}" is ${bytes} bytes long; PostgreSQL keeps ${MAX_IDENTIFIER_BYTES} bytes of an identifier`, {
      hint: "use a name of at most 63 bytes (UTF-8)",
    });
  }
  return doubleQuoted(name);
}

/** `my "odd"` -> `"my ""odd"""`, unchecked: for spellings the callers check themselves (the catalog's, TypeORM's). */
export function doubleQuoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `{ schema: "s", name: "t" }` -> `"s"."t"`: unambiguous whatever the parts contain. */
export function qualified(name: QualifiedName): string {
  return `${quoteIdent(name.schema)}.${quoteIdent(name.name)}`;
}

/** `it's` -> `'it''s'`, `a\b` -> `E'a\\b'`. The one place migrator turns text into an SQL string literal. */
export function quoteLiteral(value: string): string {
  if (value.includes("\u0000")) {
    throw new MigratorError(`the string ${JSON.stringify(value.slice(0, 40))} contains a NUL character, which PostgreSQL text cannot hold`);
  }
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return value.includes("\\") ? `E${quoted.replace(/\\/g, "\\\\")}` : quoted;
}

/**
 * A JS value as an SQL literal, for offline output where parameters cannot be
 * bound. Mirrors what node-postgres sends for the same value: strings, dates
 * and arrays stay untyped literals (the server infers their type from where
 * they are used, as it does for a bound parameter).
 */
export function renderLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return renderNumber(value);
  if (typeof value === "bigint") return value < 0n ? `(${value})` : String(value);
  if (typeof value === "string") return quoteLiteral(value);
  if (value instanceof Date) return quoteLiteral(isoDate(value));
  if (value instanceof Uint8Array) return `${quoteLiteral(byteaHex(value))}::bytea`;
  if (Array.isArray(value)) return quoteLiteral(arrayLiteral(value));
  if (typeof value === "object") return `${quoteLiteral(jsonText(value))}::jsonb`;
  throw new MigratorError(`cannot write a ${typeof value} as an SQL literal`);
}

function renderNumber(value: number): string {
  if (Number.isNaN(value)) return "'NaN'::double precision";
  if (value === Infinity) return "'Infinity'::double precision";
  if (value === -Infinity) return "'-Infinity'::double precision";
  // Parenthesised so that `5-$1` with -1 cannot become the comment `5--1`.
  return value < 0 || Object.is(value, -0) ? `(${String(value)})` : String(value);
}

function isoDate(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new MigratorError("cannot write an invalid Date as an SQL literal");
  return value.toISOString();
}

function byteaHex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

function jsonText(value: object): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new MigratorError("cannot write this object as JSON");
  return text;
}

/** The text form of a PostgreSQL array, `{1,"a b",NULL,{2,3}}`, as node-postgres builds it. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(arrayElement).join(",")}}`;
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number" || typeof value === "bigint") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }
    return String(value);
  }
  let text: string;
  if (typeof value === "string") text = value;
  else if (value instanceof Date) text = isoDate(value);
  else if (value instanceof Uint8Array) text = byteaHex(value);
  else if (typeof value === "object") text = jsonText(value);
  else throw new MigratorError(`cannot write a ${typeof value} inside an SQL array`);
  if (text.includes("\u0000")) throw new MigratorError("an array element contains a NUL character");
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
