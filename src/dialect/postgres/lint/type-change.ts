/**
 * What ALTER COLUMN ... TYPE costs on PostgreSQL. A change that is binary
 * compatible and only loosens the type modifier (varchar(n) to a longer or
 * unlimited varchar or to text, numeric(p,s) to more precision at the same
 * scale, a time type's or bit varying's modifier raised, cidr to inet) is a
 * catalog change: the length-coercion support functions (varchar_support,
 * numeric_support, timestamp_support...) tell the server no row changes and
 * the column's indexes are kept. Anything else rewrites the table (a USING
 * clause always does). A changed collation keeps the rows but rebuilds the
 * column's indexes.
 */
import type { TypeChangeCost } from "../../lint";
import type { ParsedType } from "../../../model/dialect-types";
import { parseType } from "../types/widening";

/** Types whose modifier only limits values, so raising it keeps every row as is. */
const MODIFIER_LOOSENS = new Set([
  "character varying",
  "numeric",
  "bit varying",
  "timestamp without time zone",
  "timestamp with time zone",
  "time without time zone",
  "time with time zone",
  "interval",
]);

/** Binary-compatible pairs besides a loosened modifier (from -> to). */
const BINARY_COMPATIBLE: ReadonlySet<string> = new Set(["character varying->text", "text->character varying", "cidr->inet"]);

export interface TypeChange {
  /** Unknown for raw SQL. */
  readonly from?: string;
  readonly to: string;
  readonly using?: boolean;
  readonly collationChanged?: boolean;
}

export function typeChangeCost(change: TypeChange): TypeChangeCost {
  if (change.using === true) return "rewrite";
  const to = parseType(change.to);
  if (change.from === undefined) return mayBeFree(to) ? "unknown" : "rewrite";
  const from = parseType(change.from);
  if (!keepsRows(from, to)) return "rewrite";
  return change.collationChanged === true ? "reindex" : "none";
}

function keepsRows(from: ParsedType, to: ParsedType): boolean {
  if (from.arrayDims !== to.arrayDims) return false;
  if (from.base === to.base) return from.args.join(",") === to.args.join(",") || (MODIFIER_LOOSENS.has(to.base) && loosens(from, to));
  if (!BINARY_COMPATIBLE.has(`${from.base}->${to.base}`)) return false;
  // text -> varchar(n) checks lengths row by row; only an unlimited varchar is free
  return !(to.base === "character varying" && to.args.length > 0);
}

function loosens(from: ParsedType, to: ParsedType): boolean {
  if (to.args.length === 0) return true;
  if (from.args.length === 0) return false;
  if (to.base === "numeric") return (to.args[1] ?? 0) === (from.args[1] ?? 0) && (to.args[0] ?? 0) >= (from.args[0] ?? 0);
  return (to.args[0] ?? 0) >= (from.args[0] ?? 0);
}

/** A target some old type reaches without a rewrite (so lint cannot say, not knowing the old type). */
function mayBeFree(to: ParsedType): boolean {
  return MODIFIER_LOOSENS.has(to.base) || to.base === "text" || to.base === "inet";
}
