/**
 * Names as PostgreSQL prints and keeps them: the catalog's bare-or-quoted
 * spelling of an identifier inside an expression (quote_ident), the 63 bytes
 * of an identifier it keeps, and the names it gives a serial column's sequence.
 */
import type { QualifiedName } from "../../../model/types";
import { doubleQuoted, MAX_IDENTIFIER_BYTES } from "../quote";

/** Keywords PostgreSQL quotes when it prints an identifier (quote_ident), besides non-plain names. */
const RESERVED = new Set(
  ("all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog " +
    "current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except " +
    "false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp " +
    "not null offset on only or order placing primary references returning select session_user some symmetric system_user table " +
    "then to trailing true union unique user using variadic when where window with").split(" "),
);

/** An identifier as PostgreSQL prints it: bare when it can be, double-quoted otherwise. */
export function printIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : doubleQuoted(name);
}

/** An enum type as it appears in a canonical column type (`public.mood_enum`, `public."user"`). */
export function enumTypeName(name: QualifiedName): string {
  return `${printIdentifier(name.schema)}.${printIdentifier(name.name)}`;
}

/**
 * `"schema"."name"`, as TypeORM's postgres driver writes an enum column's
 * type. Not length-checked: the entity reader refuses an overlong name itself,
 * naming the entity.
 */
export function entityEnumType(name: QualifiedName): string {
  return `${doubleQuoted(name.schema)}.${doubleQuoted(name.name)}`;
}

/** Why PostgreSQL would not keep `name` whole, or undefined: it keeps the first 63 bytes (NAMEDATALEN - 1). */
export function overlongIdentifier(name: string): string | undefined {
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes <= MAX_IDENTIFIER_BYTES) return undefined;
  return `is ${bytes} bytes long; PostgreSQL keeps ${MAX_IDENTIFIER_BYTES} bytes of an identifier ("${clipBytes(name, MAX_IDENTIFIER_BYTES)}")`;
}

/** PostgreSQL's name for a serial or identity column's sequence (makeObjectName): `<table>_<column>_seq`, both cut to fit 63 bytes. */
export function serialSequenceName(table: string, column: string): string {
  const available = MAX_IDENTIFIER_BYTES - "_seq".length - 1;
  let a = Buffer.byteLength(table);
  let b = Buffer.byteLength(column);
  while (a + b > available) {
    if (a > b) a -= 1;
    else b -= 1;
  }
  return `${clipBytes(table, a)}_${clipBytes(column, b)}_seq`;
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes that does not split a character. */
export function clipBytes(text: string, bytes: number): string {
  let out = "";
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}
