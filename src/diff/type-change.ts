/**
 * What a column type change means to PostgreSQL: does ALTER COLUMN TYPE need a
 * USING clause (no assignment cast exists), and can every old value be kept
 * (a widening) or may some be cut or rejected (destructive).
 * Types are in format_type spelling: `character varying(20)`, `numeric(10,2)`,
 * `timestamp(3) without time zone`, `integer[]`, `public.mood_enum`.
 */

export interface ParsedType {
  /** The type without modifiers or array brackets: `character varying`, `timestamp without time zone`. */
  readonly base: string;
  /** Numeric modifiers (`(10,2)` -> [10, 2]); empty when none. */
  readonly args: readonly number[];
  readonly arrayDims: number;
}

export function parseType(type: string): ParsedType {
  let rest = type.trim();
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

const STRING_TYPES = new Set(["text", "character varying", "character", "citext", "name"]);
const INTEGER_RANK = new Map([["smallint", 1], ["integer", 2], ["bigint", 3]]);
const NUMBER_TYPES = new Set(["smallint", "integer", "bigint", "numeric", "real", "double precision"]);
const DATETIME_TYPES = new Set(["date", "timestamp without time zone", "timestamp with time zone"]);
const TIME_TYPES = new Set(["time without time zone", "time with time zone"]);
/** Digits before the decimal point that each integer type needs. */
const INTEGER_DIGITS = new Map([["smallint", 5], ["integer", 10], ["bigint", 19]]);

/**
 * Whether PostgreSQL converts the old type to the new without USING: an
 * assignment (or implicit) cast exists. Enum columns are checked through
 * `isEnum` (enum -> text has one; anything -> enum has none).
 */
export function needsUsing(from: string, to: string, isEnum: (type: string) => boolean): boolean {
  const a = parseType(from);
  const b = parseType(to);
  if (a.arrayDims !== b.arrayDims) return !(b.arrayDims === 0 && STRING_TYPES.has(b.base));
  if (a.base === b.base) return false;
  if (isEnum(to)) return true;
  if (STRING_TYPES.has(b.base)) return false; // every type has an I/O cast to a string type in assignment
  if (isEnum(from)) return true;
  if (NUMBER_TYPES.has(a.base) && NUMBER_TYPES.has(b.base)) return false;
  if (DATETIME_TYPES.has(a.base) && DATETIME_TYPES.has(b.base)) return false;
  if (TIME_TYPES.has(a.base) && TIME_TYPES.has(b.base)) return false;
  if (a.base === "json" && b.base === "jsonb") return false;
  if (a.base === "jsonb" && b.base === "json") return false;
  return true;
}

/** The USING expression for a column: `"col"::integer`, through text for enums. */
export function usingCast(column: string, from: string, to: string, isEnum: (type: string) => boolean): string {
  const quoted = `"${column.replace(/"/g, '""')}"`;
  return isEnum(from) && !STRING_TYPES.has(parseType(to).base) ? `${quoted}::text::${to}` : `${quoted}::${to}`;
}

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
  if (a.base === "timestamp with time zone" && b.base === "timestamp without time zone") return false;
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
