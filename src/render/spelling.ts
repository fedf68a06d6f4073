/**
 * How types and defaults are spelled in a revision: as a person writes them,
 * never changing what PostgreSQL stores.
 *
 * Types take their common aliases (`varchar(20)`, `timestamptz`), which
 * PostgreSQL reads back to the same type. A default that is exactly one
 * string literal cast to the column's own type (`'#888'::bpchar` on
 * `character(7)`, `'draft'::public.state` on that enum) is written as the
 * literal alone: PostgreSQL applies the same cast on assignment, so the
 * stored default is the same expression. Everything else stays as the
 * catalog printed it. test/db/render proves both on a live database.
 */
import { enumTypeName } from "../model/names";
import { shortTypeName } from "../model/type-spelling";
import { parseType } from "../model/type-widening";
import { qualifiedKey, type QualifiedName, type SchemaModel } from "../model/types";
import type { Operation } from "../ops/types";

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
export function isOwnTypeCast(cast: string, columnType: string, isEnum: (type: string) => boolean): boolean {
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
export function shortDefault(expression: string, columnType: string, isEnum: (type: string) => boolean): string {
  const split = literalAndCast(expression);
  return split !== undefined && isOwnTypeCast(split.cast, columnType, isEnum) ? split.literal : expression;
}

/** What the renderer knows beyond the ops, to spell defaults of columns the ops do not define. */
export interface RenderContext {
  /** The schema before and after the revision (the differ's two sides). */
  readonly models?: readonly SchemaModel[];
}

export interface Spelling {
  type(type: string): string;
  /** `columnType` undefined: the type is not known, and the default is written as given. */
  default(expression: string, columnType: string | undefined): string;
  /** The type of a column the ops alter but do not define, when every model agrees on it. */
  columnType(table: QualifiedName, column: string): string | undefined;
}

function columnKey(table: QualifiedName, column: string): string {
  return `${qualifiedKey(table)}\u0000${column}`;
}

export function spellingFor(ops: readonly Operation[], context: RenderContext = {}): Spelling {
  const enums = new Set<string>();
  const types = new Map<string, string | null>();
  for (const model of context.models ?? []) {
    for (const e of model.enums) enums.add(enumTypeName(e));
    for (const table of model.tables) {
      for (const column of table.columns) {
        const key = columnKey(table, column.name);
        const known = types.get(key);
        types.set(key, known === undefined || known === column.type ? column.type : null);
      }
    }
  }
  for (const op of ops) {
    if (op.kind === "createEnum") enums.add(enumTypeName(op.enum));
    if (op.kind === "recreateEnum" || op.kind === "addEnumValue" || op.kind === "renameEnumValue") enums.add(enumTypeName(op.enum));
    if (op.kind === "renameEnum") {
      enums.add(enumTypeName(op.enum));
      enums.add(enumTypeName({ schema: op.enum.schema, name: op.to }));
    }
  }
  const isEnum = (type: string): boolean => enums.has(type);
  return {
    type: shortTypeName,
    default: (expression, columnType) => (columnType === undefined ? expression : shortDefault(expression, columnType, isEnum)),
    columnType: (table, column) => types.get(columnKey(table, column)) ?? undefined,
  };
}
