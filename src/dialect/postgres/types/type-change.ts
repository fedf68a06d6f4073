/**
 * What a column type change means to PostgreSQL: does ALTER COLUMN TYPE need a
 * USING clause (no assignment cast exists), and can every old value be kept
 * (a widening) or may some be cut or rejected (destructive).
 * Types are in format_type spelling: `character varying(20)`, `numeric(10,2)`,
 * `timestamp(3) without time zone`, `integer[]`, `public.mood_enum`.
 */
import type { IsEnum } from "../../../model/dialect-types";
import { quoteIdent } from "../quote";
import { parseType, STRING_TYPES } from "./widening";

const NUMBER_TYPES = new Set(["smallint", "integer", "bigint", "numeric", "real", "double precision"]);
const DATETIME_TYPES = new Set(["date", "timestamp without time zone", "timestamp with time zone"]);
const TIME_TYPES = new Set(["time without time zone", "time with time zone"]);

/**
 * Whether PostgreSQL converts the old type to the new without USING: an
 * assignment (or implicit) cast exists. Enum columns are checked through
 * `isEnum` (enum -> text has one; anything -> enum has none).
 */
export function needsUsing(from: string, to: string, isEnum: IsEnum): boolean {
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
export function usingCast(column: string, from: string, to: string, isEnum: IsEnum): string {
  const quoted = quoteIdent(column);
  return isEnum(from) && !STRING_TYPES.has(parseType(to).base) ? `${quoted}::text::${to}` : `${quoted}::${to}`;
}
