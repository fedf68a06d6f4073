/**
 * Which column type changes keep every value (DialectTypes.isWidening): the op
 * factory marks every other change as destructive, whoever built the op.
 * Types may be in format_type spelling (`character varying(20)`,
 * `timestamp(3) without time zone`) or the aliases people write
 * (`varchar(20)`, `timestamp(3)`): both parse to the catalog names.
 */
import type { ParsedType } from "../../../model/dialect-types";
import { canonicalTypeName } from "./spelling";

export function parseType(type: string): ParsedType {
  let rest = canonicalTypeName(type.trim());
  let arrayDims = 0;
  while (rest.endsWith("[]")) {
    rest = rest.slice(0, -2);
    arrayDims++;
  }
  const match = /^([^(]*)\(([\d,\s]+)\)(.*)$/.exec(rest);
  if (!match) return { base: rest, args: [], arrayDims };
  const base = `${match[1]!.trim()}${match[3]!.length > 0 ? ` ${match[3]!.trim()}` : ""}`;
  return { base, args: match[2]!.split(",").map((part) => Number(part.trim())), arrayDims };
}

/** `public.mood[]` -> `public.mood`, one dimension: the type as written, its brackets taken off. */
export function elementType(type: string): { readonly type: string; readonly arrayDims: number } {
  const { arrayDims } = parseType(type);
  return { type: arrayDims > 0 ? type.slice(0, type.length - 2 * arrayDims) : type, arrayDims };
}

export const STRING_TYPES: ReadonlySet<string> = new Set(["text", "character varying", "character", "citext", "name"]);
const INTEGER_RANK = new Map([["smallint", 1], ["integer", 2], ["bigint", 3]]);
/** Digits before the decimal point that each integer type needs. */
const INTEGER_DIGITS = new Map([["smallint", 5], ["integer", 10], ["bigint", 19]]);

/** True when every value of `from` survives as the same value in `to`. */
export function isWidening(from: string, to: string): boolean {
  const a = parseType(from);
  const b = parseType(to);
  if (a.arrayDims !== b.arrayDims) return false;
  if (b.base === "text") return true;
  if (a.base === b.base) return argsWiden(a, b);
  if (STRING_TYPES.has(a.base) && STRING_TYPES.has(b.base)) return stringWidens(a, b);
  const ra = INTEGER_RANK.get(a.base);
  const rb = INTEGER_RANK.get(b.base);
  if (ra !== undefined && rb !== undefined) return rb >= ra;
  if (ra !== undefined && b.base === "numeric") {
    return b.args.length === 0 || (b.args[0] ?? 0) - (b.args[1] ?? 0) >= (INTEGER_DIGITS.get(a.base) ?? Infinity);
  }
  if ((a.base === "smallint" || a.base === "integer") && b.base === "double precision") return true;
  if (a.base === "smallint" && b.base === "real") return true;
  if (a.base === "real" && b.base === "double precision") return true;
  if (a.base === "date" && (b.base === "timestamp without time zone" || b.base === "timestamp with time zone")) return true;
  if (a.base === "timestamp without time zone" && b.base === "timestamp with time zone") return precisionWidens(a, b);
  return false;
}

function argsWiden(a: ParsedType, b: ParsedType): boolean {
  if (b.args.length === 0) return true; // unconstrained holds all (varchar, numeric, timestamp default precision 6)
  if (a.args.length === 0) return false;
  if (a.base === "numeric") {
    const [pa = 0, sa = 0] = a.args;
    const [pb = 0, sb = 0] = b.args;
    return sb >= sa && pb - sb >= pa - sa;
  }
  return (b.args[0] ?? 0) >= (a.args[0] ?? 0);
}

function stringWidens(a: ParsedType, b: ParsedType): boolean {
  if (b.base === "character") return false; // blank-padding changes values
  if (b.args.length === 0) return true;
  return a.args.length > 0 && (b.args[0] ?? 0) >= (a.args[0] ?? 0);
}

function precisionWidens(a: ParsedType, b: ParsedType): boolean {
  return (b.args[0] ?? 6) >= (a.args[0] ?? 6);
}
