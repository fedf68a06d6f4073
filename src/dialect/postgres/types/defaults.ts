/**
 * Defaults as a person writes them, never changing what PostgreSQL stores. A
 * default that is exactly one string literal cast to the column's own type
 * (`'#888'::bpchar` on `character(7)`, `'draft'::public.state` on that enum)
 * is written as the literal alone: PostgreSQL applies the same cast on
 * assignment, so the stored default is the same expression. Everything else
 * stays as the catalog printed it. test/db/render proves it on a live database.
 */
import type { IsEnum } from "../../../model/dialect-types";
import { quoteLiteral } from "../quote";
import { parseType } from "./widening";

/**
 * Types whose modifier the assignment to the column applies through a length
 * coercion, which the catalog prints without its cast: a literal cast to the
 * unmodified type (`'x'::character varying` on `character varying(20)`)
 * stores the same expression as the bare literal.
 */
const MODIFIER_BY_COERCION = new Set([
  "character varying",
  "character",
  "numeric",
  "timestamp without time zone",
  "timestamp with time zone",
  "time without time zone",
  "time with time zone",
]);

/** `'it''s'::text` -> the literal `'it''s'` and the cast `text`; undefined unless that is the whole expression. */
export function literalAndCast(expression: string): { literal: string; cast: string } | undefined {
  if (!expression.startsWith("'")) return undefined;
  let end = 1;
  for (;;) {
    const quote = expression.indexOf("'", end);
    if (quote < 0) return undefined;
    if (expression[quote + 1] === "'") {
      end = quote + 2; // a doubled quote inside the literal
      continue;
    }
    end = quote + 1;
    break;
  }
  if (!expression.startsWith("::", end)) return undefined;
  return { literal: expression.slice(0, end), cast: expression.slice(end + 2) };
}

/**
 * Is `cast` the column's own type as the catalog prints it in a default?
 * Built-in types are unqualified in canonical form; a qualified type counts
 * only when it is a known enum (a domain's implicit cast prints differently).
 */
export function isOwnTypeCast(cast: string, columnType: string, isEnum: IsEnum): boolean {
  const parsed = parseType(columnType);
  const builtin = !parsed.base.includes(".");
  if (!builtin && !isEnum(parsed.base)) return false;
  if (parsed.args.length === 0) return cast === columnType;
  if (!MODIFIER_BY_COERCION.has(parsed.base)) return false;
  // The catalog names character's unmodified type by its internal name.
  const unmodified = parsed.base === "character" ? "bpchar" : parsed.base;
  return cast === `${unmodified}${"[]".repeat(parsed.arrayDims)}`;
}

/** The default as written in a revision: the bare literal when its only cast is to the column's own type. */
export function shortDefault(expression: string, columnType: string, isEnum: IsEnum): string {
  const split = literalAndCast(expression);
  return split !== undefined && isOwnTypeCast(split.cast, columnType, isEnum) ? split.literal : expression;
}

/** `'happy'::public.mood`: how an enum value appears in a default, check or predicate the catalog prints. */
export function castLiteral(value: string, type: string): string {
  return `${quoteLiteral(value)}::${type}`;
}
