/**
 * ColumnSpec: how a revision writes a column. Everything but name and type is
 * optional; `toColumnModel` fills in the defaults, `columnSpecFromModel` leaves
 * them out again, so the renderer prints only what differs.
 */
import { MigratorError } from "../errors";
import { columnCharset, columnOnUpdate, type ColumnModel, type GeneratedStorage, type IdentityKind } from "../model/types";

export interface ColumnSpec {
  readonly name: string;
  /** PostgreSQL type as SQL text: `integer`, `varchar(20)`, `public.mood_enum[]`. */
  readonly type: string;
  /** Default true, except for primary-key, identity and serial columns (NOT NULL implicitly). */
  readonly nullable?: boolean;
  /** Default value as an SQL expression, not a JS value: `"now()"`, `"'draft'"`, `"0"`. */
  readonly default?: string | null;
  readonly identity?: IdentityKind | null;
  /** Render integer/bigint/smallint as serial/bigserial/smallserial. */
  readonly serial?: boolean;
  /** SQL expression of a generated column (STORED unless generatedStorage says virtual). */
  readonly generated?: string | null;
  /** MySQL only: `virtual` or `stored` (the default). */
  readonly generatedStorage?: GeneratedStorage;
  /** MySQL only: the column's character set, when not the table's. */
  readonly charset?: string | null;
  readonly collation?: string | null;
  /** MySQL only: ON UPDATE expression, e.g. `current_timestamp()`. */
  readonly onUpdate?: string | null;
  readonly comment?: string | null;
  /** Shorthand (createTable only): the column is (part of) the table's primary key. */
  readonly primaryKey?: boolean;
}

function impliedNotNull(spec: { primaryKey?: boolean; identity?: IdentityKind | null; serial?: boolean }): boolean {
  return spec.primaryKey === true || (spec.identity !== undefined && spec.identity !== null) || spec.serial === true;
}

export function toColumnModel(spec: ColumnSpec): ColumnModel {
  if (typeof spec.name !== "string" || spec.name.length === 0) throw new MigratorError(`a column needs a name, got ${JSON.stringify(spec)}`);
  if (typeof spec.type !== "string" || spec.type.trim().length === 0) throw new MigratorError(`column "${spec.name}" needs a type`);
  const identity = spec.identity ?? null;
  const generated = spec.generated ?? null;
  const defaultExpr = spec.default ?? null;
  if ([identity !== null, generated !== null, defaultExpr !== null, spec.serial === true].filter(Boolean).length > 1) {
    throw new MigratorError(`column "${spec.name}" can have only one of default, identity, serial and generated`);
  }
  if (spec.generatedStorage !== undefined && generated === null) {
    throw new MigratorError(`column "${spec.name}" has generatedStorage but no generated expression`);
  }
  return Object.freeze({
    name: spec.name,
    type: spec.type,
    nullable: spec.nullable ?? !impliedNotNull(spec),
    default: defaultExpr,
    identity,
    serial: spec.serial === true,
    generated,
    collation: spec.collation ?? null,
    comment: spec.comment ?? null,
    // MySQL-only fields exist only when given, so PostgreSQL's models keep their shape.
    ...(spec.generatedStorage === "virtual" ? { generatedStorage: spec.generatedStorage } : {}),
    ...(spec.charset != null ? { charset: spec.charset } : {}),
    ...(spec.onUpdate != null ? { onUpdate: spec.onUpdate } : {}),
  });
}

/** The shortest spec that `toColumnModel` turns back into `model` (outside a primary key). */
export function columnSpecFromModel(model: ColumnModel): ColumnSpec {
  const spec: { -readonly [K in keyof ColumnSpec]: ColumnSpec[K] } = { name: model.name, type: model.type };
  if (model.nullable !== !impliedNotNull(model)) spec.nullable = model.nullable;
  if (model.default !== null) spec.default = model.default;
  if (model.identity !== null) spec.identity = model.identity;
  if (model.serial) spec.serial = true;
  if (model.generated !== null) spec.generated = model.generated;
  if (model.generated !== null && model.generatedStorage === "virtual") spec.generatedStorage = "virtual";
  if (columnCharset(model) !== null) spec.charset = columnCharset(model);
  if (model.collation !== null) spec.collation = model.collation;
  if (columnOnUpdate(model) !== null) spec.onUpdate = columnOnUpdate(model);
  if (model.comment !== null) spec.comment = model.comment;
  return spec;
}
