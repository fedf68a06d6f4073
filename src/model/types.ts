/**
 * The neutral schema model. Both the entity reader and the introspector
 * produce it; the differ only ever compares two of these.
 *
 * Canonical form: every type name and SQL expression is spelled as PostgreSQL
 * itself renders it (format_type, pg_get_expr, pg_get_constraintdef,
 * pg_get_indexdef, pg_get_viewdef) with `search_path` set to `pg_catalog`, so
 * user-defined types and sequences are schema-qualified (`public.user_role_enum`)
 * and built-in types are not (`character varying(255)`, `integer[]`).
 * The entity reader produces TypeORM's spelling; `normalise` turns it canonical.
 *
 * MySQL/MariaDB: a schema is a database, and DEFAULT_SCHEMA stands for the
 * connection's current database (so revisions name no database). Types are
 * COLUMN_TYPE as the server prints it (`int(10) unsigned zerofill`,
 * `enum('a','b')`, `varchar(255)`), expressions as information_schema holds
 * them. A few fields exist only there: they are optional and absent on
 * PostgreSQL, so its models and files do not change.
 */

export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

export interface SchemaModel {
  /** Schemas other than the default one that objects live in. Sorted. */
  readonly schemas: readonly string[];
  readonly extensions: readonly ExtensionModel[];
  readonly enums: readonly EnumModel[];
  readonly tables: readonly TableModel[];
  readonly views: readonly ViewModel[];
}

export interface ExtensionModel {
  readonly name: string;
  /** Schema the extension's objects were installed in; null when not pinned. */
  readonly schema: string | null;
}

export interface EnumModel extends QualifiedName {
  /** In declaration order: order matters to PostgreSQL comparisons. */
  readonly values: readonly string[];
}

export type IdentityKind = "ALWAYS" | "BY DEFAULT";

export interface ColumnModel {
  readonly name: string;
  /** format_type spelling, arrays included (`integer[]`, `public.mood_enum[]`). */
  readonly type: string;
  readonly nullable: boolean;
  /** Default expression as pg_get_expr renders it; null when none (also for identity/serial). */
  readonly default: string | null;
  /** On MySQL, AUTO_INCREMENT is `BY DEFAULT` (explicit values are accepted); `serial` stays false there. */
  readonly identity: IdentityKind | null;
  /** An owned sequence feeds the column through nextval (serial/bigserial/smallserial). */
  readonly serial: boolean;
  /** Expression of a generated column (STORED unless `generatedStorage` says otherwise). */
  readonly generated: string | null;
  /** MySQL: `virtual` for a VIRTUAL generated column; absent means `stored` (PostgreSQL's only kind). */
  readonly generatedStorage?: GeneratedStorage;
  /** Non-default collation name; null for the type's default (on MySQL: the table's default collation). */
  readonly collation: string | null;
  /** MySQL: character set other than the table's default; absent or null otherwise. */
  readonly charset?: string | null;
  /** MySQL: `ON UPDATE` expression (`current_timestamp()`, `current_timestamp(6)`); absent or null when none. */
  readonly onUpdate?: string | null;
  readonly comment: string | null;
}

export type GeneratedStorage = "virtual" | "stored";

/** A column's ON UPDATE expression, absent read as none. */
export function columnOnUpdate(column: ColumnModel): string | null {
  return column.onUpdate ?? null;
}

/** A column's own character set, absent read as the table's. */
export function columnCharset(column: ColumnModel): string | null {
  return column.charset ?? null;
}

/** How a generated column is kept; null for a column that is not generated. */
export function generatedStorage(column: ColumnModel): GeneratedStorage | null {
  return column.generated === null ? null : (column.generatedStorage ?? "stored");
}

export interface PrimaryKeyModel {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface UniqueModel {
  readonly name: string;
  readonly columns: readonly string[];
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

/** One key of an index: a column, or an expression (as pg_get_indexdef prints it). */
export type IndexKey =
  | { readonly column: string; readonly descending?: boolean; readonly nullsFirst?: boolean }
  | { readonly expression: string; readonly descending?: boolean; readonly nullsFirst?: boolean };

export interface IndexModel {
  readonly name: string;
  readonly unique: boolean;
  /** Access method: btree, gin, gist, hash, brin, spgist; on MySQL also fulltext and spatial (lower case). */
  readonly method: string;
  readonly keys: readonly IndexKey[];
  /** Partial-index predicate, as PostgreSQL renders it; null when none. */
  readonly where: string | null;
  /** INCLUDE columns (covering index). */
  readonly include: readonly string[];
}

export type ReferentialAction = "NO ACTION" | "RESTRICT" | "CASCADE" | "SET NULL" | "SET DEFAULT";

export interface ForeignKeyModel {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedTable: QualifiedName;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

export interface CheckModel {
  readonly name: string;
  /** The boolean expression, as pg_get_constraintdef renders it inside CHECK (...). */
  readonly expression: string;
}

export interface ExclusionModel {
  readonly name: string;
  /** pg_get_constraintdef without the leading EXCLUDE: `USING gist (room WITH =, during WITH &&)`. */
  readonly definition: string;
}

export interface TableModel extends QualifiedName {
  readonly columns: readonly ColumnModel[];
  readonly primaryKey: PrimaryKeyModel | null;
  readonly uniques: readonly UniqueModel[];
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  readonly checks: readonly CheckModel[];
  readonly exclusions: readonly ExclusionModel[];
  readonly comment: string | null;
  /** MySQL: ENGINE and the table's default character set and collation; absent on PostgreSQL. */
  readonly options?: TableOptions;
}

/** A MySQL table's options, as information_schema.TABLES has them (`InnoDB`, `utf8mb4`, `utf8mb4_general_ci`). */
export interface TableOptions {
  readonly engine: string | null;
  readonly charset: string | null;
  readonly collation: string | null;
}

const NO_TABLE_OPTIONS: TableOptions = Object.freeze({ engine: null, charset: null, collation: null });

/** A table's options, absent read as none given. */
export function tableOptions(table: TableModel): TableOptions {
  return table.options ?? NO_TABLE_OPTIONS;
}

export interface ViewModel extends QualifiedName {
  readonly materialized: boolean;
  /** The SELECT, as pg_get_viewdef renders it. */
  readonly definition: string;
  /** Indexes on a materialized view. */
  readonly indexes: readonly IndexModel[];
}

export const DEFAULT_SCHEMA = "public";

export function qualifiedKey(name: QualifiedName): string {
  return `${name.schema}\u0000${name.name}`;
}

export function emptyModel(): SchemaModel {
  return { schemas: [], extensions: [], enums: [], tables: [], views: [] };
}

/** A sequence a column owns (serial, or identity): renamed along with its column. */
export interface OwnedSequence {
  readonly column: string;
  readonly sequence: QualifiedName;
}
