/**
 * The shapes a revision writes for constraints, indexes and tables, and their
 * normalisation into the schema model. Names left out get PostgreSQL's own
 * default names (`t_pkey`, `t_a_b_key`, `t_a_fkey`), so what the catalog shows
 * matches what the op recorded.
 */
import { MigratorError } from "../errors";
import type {
  CheckModel,
  ExclusionModel,
  ForeignKeyModel,
  IndexKey,
  IndexModel,
  PrimaryKeyModel,
  QualifiedName,
  ReferentialAction,
  TableModel,
  TableOptions,
  UniqueModel,
} from "../model/types";
import type { ColumnChangeTypes, ColumnProperty } from "./column-properties";
import { toColumnModel, type ColumnSpec } from "./column-spec";
import { resolveRef, type TableRef } from "./table-ref";
import type { EnumUsage } from "./types";

/** A column name, or `{ column | expression, descending?, nullsFirst? }`. */
export type IndexKeySpec =
  | string
  | { readonly column: string; readonly descending?: boolean; readonly nullsFirst?: boolean }
  | { readonly expression: string; readonly descending?: boolean; readonly nullsFirst?: boolean };

export interface IndexOptions {
  readonly unique?: boolean;
  /** Partial-index predicate, SQL. */
  readonly where?: string;
  /** Access method; default btree (MySQL also: fulltext, spatial). */
  readonly method?: string;
  /** Covering columns (INCLUDE). */
  readonly include?: readonly string[];
}

export interface IndexSpec extends IndexOptions {
  readonly name: string;
  readonly keys: readonly IndexKeySpec[];
}

export type PrimaryKeySpec = readonly string[] | { readonly name?: string; readonly columns: readonly string[] };

export interface DeferrableOptions {
  readonly deferrable?: boolean;
  /** Implies deferrable. */
  readonly initiallyDeferred?: boolean;
}

export interface UniqueSpec extends DeferrableOptions {
  readonly name?: string;
  readonly columns: readonly string[];
}

export interface CheckSpec {
  readonly name: string;
  /** Boolean SQL expression. */
  readonly expression: string;
}

export interface ForeignKeyOptions extends DeferrableOptions {
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

export interface ForeignKeySpec extends ForeignKeyOptions {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references: TableRef;
  readonly referencedColumns: readonly string[];
}

export interface ExclusionSpec {
  readonly name: string;
  /** Everything after EXCLUDE: `USING gist (room WITH =, during WITH &&)`. */
  readonly definition: string;
}

export interface CreateTableOptions {
  readonly columns: readonly ColumnSpec[];
  /** Columns (or name and columns); columns marked `primaryKey: true` are used when absent. */
  readonly primaryKey?: PrimaryKeySpec;
  readonly uniques?: readonly UniqueSpec[];
  readonly checks?: readonly CheckSpec[];
  readonly foreignKeys?: readonly ForeignKeySpec[];
  readonly exclusions?: readonly ExclusionSpec[];
  readonly indexes?: readonly IndexSpec[];
  readonly comment?: string | null;
  /** MySQL only: ENGINE, default character set and collation. */
  readonly options?: Partial<TableOptions>;
}

function nonEmpty(columns: readonly string[], what: string): readonly string[] {
  if (!Array.isArray(columns) || columns.length === 0) throw new MigratorError(`${what} needs at least one column`);
  return Object.freeze([...columns]);
}

export function indexKey(key: IndexKeySpec): IndexKey {
  if (typeof key === "string") return Object.freeze({ column: key });
  return Object.freeze({ ...key });
}

export function indexModel(name: string, keys: readonly IndexKeySpec[], options: IndexOptions = {}): IndexModel {
  if (keys.length === 0) throw new MigratorError(`index "${name}" needs at least one key`);
  return Object.freeze({
    name,
    unique: options.unique === true,
    method: options.method ?? "btree",
    keys: Object.freeze(keys.map(indexKey)),
    where: options.where ?? null,
    include: Object.freeze([...(options.include ?? [])]),
  });
}

export function primaryKeyModel(table: QualifiedName, spec: PrimaryKeySpec): PrimaryKeyModel {
  const columns = "columns" in spec ? spec.columns : spec;
  const name = "columns" in spec && spec.name !== undefined ? spec.name : `${table.name}_pkey`;
  return Object.freeze({ name, columns: nonEmpty(columns, `primary key "${name}"`) });
}

export function uniqueModel(table: QualifiedName, spec: UniqueSpec): UniqueModel {
  const name = spec.name ?? `${table.name}_${spec.columns.join("_")}_key`;
  return Object.freeze({
    name,
    columns: nonEmpty(spec.columns, `unique constraint "${name}"`),
    deferrable: spec.deferrable === true || spec.initiallyDeferred === true,
    initiallyDeferred: spec.initiallyDeferred === true,
  });
}

export function checkModel(spec: CheckSpec): CheckModel {
  return Object.freeze({ name: spec.name, expression: spec.expression });
}

/** `home`: the schema a plain `references` name is in (see resolveRef). */
export function foreignKeyModel(table: QualifiedName, spec: ForeignKeySpec, home?: string): ForeignKeyModel {
  const name = spec.name ?? `${table.name}_${spec.columns.join("_")}_fkey`;
  const columns = nonEmpty(spec.columns, `foreign key "${name}"`);
  const referencedColumns = nonEmpty(spec.referencedColumns, `foreign key "${name}" (referenced side)`);
  if (columns.length !== referencedColumns.length) {
    throw new MigratorError(`foreign key "${name}" has ${columns.length} column(s) but references ${referencedColumns.length}`);
  }
  return Object.freeze({
    name,
    columns,
    referencedTable: resolveRef(spec.references, "table", home),
    referencedColumns,
    onDelete: spec.onDelete ?? "NO ACTION",
    onUpdate: spec.onUpdate ?? "NO ACTION",
    deferrable: spec.deferrable === true || spec.initiallyDeferred === true,
    initiallyDeferred: spec.initiallyDeferred === true,
  });
}

export function exclusionModel(spec: ExclusionSpec): ExclusionModel {
  return Object.freeze({ name: spec.name, definition: spec.definition });
}

export function tableModel(table: QualifiedName, options: CreateTableOptions, home?: string): TableModel {
  const marked = options.columns.filter((column) => column.primaryKey === true).map((column) => column.name);
  if (options.primaryKey !== undefined && marked.length > 0) {
    throw new MigratorError(`table ${table.schema}.${table.name}: give the primary key either as an option or with primaryKey: true on columns, not both`);
  }
  const pkSpec = options.primaryKey ?? (marked.length > 0 ? marked : undefined);
  const primaryKey = pkSpec === undefined ? null : primaryKeyModel(table, pkSpec);
  const inKey = new Set(primaryKey?.columns ?? []);
  const columns = options.columns.map((spec) =>
    toColumnModel(inKey.has(spec.name) && spec.primaryKey !== true ? { ...spec, primaryKey: true } : spec),
  );
  return Object.freeze({
    schema: table.schema,
    name: table.name,
    columns: Object.freeze(columns),
    primaryKey,
    uniques: Object.freeze((options.uniques ?? []).map((spec) => uniqueModel(table, spec))),
    indexes: Object.freeze((options.indexes ?? []).map((spec) => indexModel(spec.name, spec.keys, spec))),
    foreignKeys: Object.freeze((options.foreignKeys ?? []).map((spec) => foreignKeyModel(table, spec, home))),
    checks: Object.freeze((options.checks ?? []).map(checkModel)),
    exclusions: Object.freeze((options.exclusions ?? []).map(exclusionModel)),
    comment: options.comment ?? null,
    ...(options.options === undefined ? {} : { options: tableOptionsModel(options.options) }),
  });
}

function tableOptionsModel(options: Partial<TableOptions>): TableOptions {
  return Object.freeze({ engine: options.engine ?? null, charset: options.charset ?? null, collation: options.collation ?? null });
}

/** A property's new value, as alterColumn's options take it. */
type NewValues = { readonly [K in ColumnProperty]?: ColumnChangeTypes[K]["to"] };
/** The value each replaces (`existingType`...): it makes the change reversible. */
type ExistingValues = { readonly [K in ColumnProperty as `existing${Capitalize<K>}`]?: ColumnChangeTypes[K]["to"] };

/**
 * alterColumn's options: for each column property (ops/column-properties.ts)
 * its new value and the `existing*` value it replaces. Types, defaults and
 * generation expressions are SQL text; a null default, identity, generated
 * expression, collation or comment removes it. An identity without
 * `existingIdentity` is added (ADD GENERATED); a collation needs `type` or
 * `existingType` (it is written as TYPE ... COLLATE).
 */
export interface AlterColumnOptions extends NewValues, ExistingValues {
  /** USING expression for the type change; `reverseUsing` converts back in the reverse. */
  readonly using?: string;
  readonly reverseUsing?: string;
}

/** A column using an enum that `recreateEnum` must convert. */
export interface EnumUsageSpec {
  readonly table: TableRef;
  readonly column: string;
  /** The column is an array of the enum. */
  readonly array?: boolean;
  /** Its default (SQL) before; re-applied after the conversion unless newDefault is given. */
  readonly default?: string | null;
  readonly newDefault?: string | null;
}

export function usage(spec: EnumUsageSpec, home?: string): EnumUsage {
  const base = { table: resolveRef(spec.table, "table", home), column: spec.column, array: spec.array === true, default: spec.default ?? null };
  return Object.freeze(spec.newDefault === undefined ? base : { ...base, newDefault: spec.newDefault });
}
