/**
 * Which column type changes keep every value (DialectTypes.isWidening): the op
 * factory marks every other change as destructive. MySQL converts any type to
 * any other on MODIFY COLUMN, without a USING clause, so this is the only
 * guard: a narrowing runs, and cuts, rejects (strict mode) or zeroes values.
 * Integer display widths and zerofill change how a value is shown, never the value.
 */
import type { ParsedType } from "../../../model/dialect-types";
import { enumValues, typePieces, type TypePieces } from "./spelling";

/** `int(10) unsigned` -> base `int unsigned`, args [10]; `enum(...)` -> base `enum`, args []. */
export function parseType(type: string): ParsedType {
  const p = typePieces(type);
  const numeric = /^\((\d+(?:,\d+)?)\)$/.exec(p.args);
  const args = numeric === null ? [] : numeric[1]!.split(",").map(Number);
  return { base: p.unsigned ? `${p.base} unsigned` : p.base, args, arrayDims: 0 };
}

/** MySQL has no array types: every type is its own element. */
export function elementType(type: string): { readonly type: string; readonly arrayDims: number } {
  return { type, arrayDims: 0 };
}

const INTEGER_BITS: ReadonlyMap<string, number> = new Map([["tinyint", 8], ["smallint", 16], ["mediumint", 24], ["int", 32], ["bigint", 64]]);
/** Decimal digits of the largest value of each integer type, signed and unsigned. */
const INTEGER_DIGITS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ["tinyint", [3, 3]],
  ["smallint", [5, 5]],
  ["mediumint", [7, 8]],
  ["int", [10, 10]],
  ["bigint", [19, 20]],
]);
/** Mantissa bits: integers up to 2^bits are exact. */
const FLOAT_BITS: ReadonlyMap<string, number> = new Map([["float", 24], ["double", 53]]);

/** Most bytes each string or binary type holds (a length in characters is multiplied by 4, utf8mb4's widest). */
const TEXT_BYTES: ReadonlyMap<string, number> = new Map([["tinytext", 255], ["text", 65535], ["mediumtext", 16777215], ["longtext", 4294967295]]);
const BLOB_BYTES: ReadonlyMap<string, number> = new Map([["tinyblob", 255], ["blob", 65535], ["mediumblob", 16777215], ["longblob", 4294967295]]);
const TEMPORAL_WITH_PRECISION = new Set(["datetime", "timestamp", "time"]);

/** True when every value of `from` survives as the same value in `to`. */
export function isWidening(from: string, to: string): boolean {
  const a = typePieces(from);
  const b = typePieces(to);
  return integerWidens(a, b) ?? exactWidens(a, b) ?? floatWidens(a, b) ?? stringWidens(a, b) ?? binaryWidens(a, b) ?? choiceWidens(a, b) ?? temporalWidens(a, b) ?? sameType(a, b);
}

function numberArgs(p: TypePieces): number[] {
  const m = /^\((\d+)(?:,(\d+))?\)$/.exec(p.args);
  return m === null ? [] : [Number(m[1]), ...(m[2] === undefined ? [] : [Number(m[2])])];
}

function integerWidens(a: TypePieces, b: TypePieces): boolean | undefined {
  const bitsA = INTEGER_BITS.get(a.base);
  if (bitsA === undefined) return undefined;
  const bitsB = INTEGER_BITS.get(b.base);
  if (bitsB !== undefined) {
    if (a.unsigned === b.unsigned) return bitsB >= bitsA;
    // unsigned fits a signed type of more bits; a signed type's negatives fit no unsigned one
    return a.unsigned && bitsB > bitsA;
  }
  if (b.base === "decimal") {
    const [precision = 10, scale = 0] = numberArgs(b);
    const digits = INTEGER_DIGITS.get(a.base)![a.unsigned ? 1 : 0];
    return !(b.unsigned && !a.unsigned) && precision - scale >= digits;
  }
  const mantissa = FLOAT_BITS.get(b.base);
  if (mantissa !== undefined) return !(b.unsigned && !a.unsigned) && bitsA - (a.unsigned ? 0 : 1) <= mantissa;
  return false;
}

function exactWidens(a: TypePieces, b: TypePieces): boolean | undefined {
  if (a.base !== "decimal") return undefined;
  if (b.base !== "decimal" || (b.unsigned && !a.unsigned)) return false;
  const [pa = 10, sa = 0] = numberArgs(a);
  const [pb = 10, sb = 0] = numberArgs(b);
  return sb >= sa && pb - sb >= pa - sa;
}

function floatWidens(a: TypePieces, b: TypePieces): boolean | undefined {
  const ma = FLOAT_BITS.get(a.base);
  if (ma === undefined) return undefined;
  if (b.unsigned && !a.unsigned) return false;
  // float(M,D) / double(M,D) round to D decimals; a bare one keeps what its mantissa holds
  if (numberArgs(b).length === 2) return false;
  const mb = FLOAT_BITS.get(b.base);
  return mb !== undefined && mb >= ma && numberArgs(a).length === numberArgs(b).length;
}

/** Most characters a string type holds, or undefined for a type that is no string. */
function stringCapacity(p: TypePieces): { readonly chars: number; readonly padded: boolean } | undefined {
  if (p.base === "varchar" || p.base === "char") return { chars: numberArgs(p)[0] ?? 1, padded: p.base === "char" };
  const bytes = TEXT_BYTES.get(p.base);
  return bytes === undefined ? undefined : { chars: Math.floor(bytes / 4), padded: false };
}

function stringWidens(a: TypePieces, b: TypePieces): boolean | undefined {
  const ca = stringCapacity(a);
  if (ca === undefined) return undefined;
  const cb = stringCapacity(b);
  // the character set may change with the type (`rest`): only the same one is judged
  if (cb === undefined || a.rest.toLowerCase() !== b.rest.toLowerCase()) return false;
  // CHAR pads with spaces and strips trailing ones on read: a VARCHAR value's trailing spaces would be lost
  if (cb.padded && !ca.padded) return false;
  if (a.base === "char" && b.base === "char") return cb.chars >= ca.chars;
  if (TEXT_BYTES.has(a.base) && TEXT_BYTES.has(b.base)) return TEXT_BYTES.get(b.base)! >= TEXT_BYTES.get(a.base)!;
  return cb.chars >= (TEXT_BYTES.has(a.base) ? TEXT_BYTES.get(a.base)! : ca.chars);
}

function binaryWidens(a: TypePieces, b: TypePieces): boolean | undefined {
  const bytes = (p: TypePieces): number | undefined =>
    p.base === "varbinary" || p.base === "binary" ? (numberArgs(p)[0] ?? 1) : BLOB_BYTES.get(p.base);
  const ba = bytes(a);
  if (ba === undefined) return undefined;
  const bb = bytes(b);
  // BINARY pads with 0x00 and keeps the padding, so its values survive in VARBINARY; the other way they gain it
  if (bb === undefined || (b.base === "binary" && a.base !== "binary")) return false;
  return bb >= ba;
}

function choiceWidens(a: TypePieces, b: TypePieces): boolean | undefined {
  if (a.base !== "enum" && a.base !== "set") return undefined;
  const from = enumValues(`${a.base}${a.args}`) ?? [];
  if (b.base === a.base) {
    const to = new Set(enumValues(`${b.base}${b.args}`) ?? []);
    // a SET stores its members by position: reordering changes which bits mean which value
    if (a.base === "set") return from.every((value, i) => (enumValues(`${b.base}${b.args}`) ?? [])[i] === value);
    return from.every((value) => to.has(value));
  }
  const capacity = stringCapacity(b);
  if (capacity === undefined || capacity.padded) return false;
  const longest = a.base === "enum" ? Math.max(0, ...from.map((v) => [...v].length)) : from.reduce((n, v) => n + [...v].length + 1, 0);
  return capacity.chars >= longest;
}

function temporalWidens(a: TypePieces, b: TypePieces): boolean | undefined {
  if (a.base === "date") return b.base === "date" || b.base === "datetime";
  if (!TEMPORAL_WITH_PRECISION.has(a.base)) return undefined;
  const pa = numberArgs(a)[0] ?? 0;
  const pb = numberArgs(b)[0] ?? 0;
  if (a.base === b.base) return pb >= pa;
  // a TIMESTAMP reads as the session's local time; DATETIME keeps that reading (and a wider range)
  return a.base === "timestamp" && b.base === "datetime" && pb >= pa;
}

function sameType(a: TypePieces, b: TypePieces): boolean {
  if (a.base !== b.base || a.rest.toLowerCase() !== b.rest.toLowerCase()) return false;
  if (a.base === "bit") return (numberArgs(b)[0] ?? 1) >= (numberArgs(a)[0] ?? 1);
  return a.args === b.args || (b.args === "" && (a.base === "json" || a.base === "year"));
}
