/**
 * Operations as data. A revision's `upgrade(op)` builds these through the
 * `Operations` API; the differ emits them; the dialect turns each into SQL,
 * the renderer into TypeScript, and `reverse()` into its inverse.
 *
 * Each op is a small readonly object with a string `kind`. Every consumer is
 * one exhaustive `switch` on `kind`, so a new kind that a switch forgets fails
 * to compile. Drops and alterations carry the full "before" state where the
 * differ knows it, so their reverse is exact; a hand-written op may leave it
 * out, in which case `reverse()` reports it as irreversible.
 *
 * `destructive` is set (with a human sentence of what is lost) on every op
 * that loses data: dropping a table or column, narrowing a type, removing an
 * enum value. Every op is made by one factory (ops/make-op.ts), which
 * freezes it and decides that note.
 */
import type {
  CheckModel,
  ColumnModel,
  EnumModel,
  ExclusionModel,
  ExtensionModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  QualifiedName,
  TableModel,
  UniqueModel,
  ViewModel,
} from "../model/types";
import type { Change, ColumnChanges } from "./column-properties";
import type { SqlExpression } from "./sql-expression";

export type { SqlExpression } from "./sql-expression";

export type { Change, ColumnChanges, TypeChange } from "./column-properties";

interface OpBase {
  /** What data this op loses, when it loses any. */
  readonly destructive?: string;
}

export interface CreateSchemaOp extends OpBase { readonly kind: "createSchema"; readonly schema: string; readonly ifNotExists?: boolean }
export interface DropSchemaOp extends OpBase { readonly kind: "dropSchema"; readonly schema: string; readonly cascade?: boolean; readonly ifExists?: boolean }

export interface CreateExtensionOp extends OpBase { readonly kind: "createExtension"; readonly extension: ExtensionModel; readonly ifNotExists?: boolean }
export interface DropExtensionOp extends OpBase { readonly kind: "dropExtension"; readonly extension: ExtensionModel; readonly ifExists?: boolean }

export interface CreateEnumOp extends OpBase { readonly kind: "createEnum"; readonly enum: EnumModel }
/** `enum.values` holds the dropped type's values, for the reverse. */
export interface DropEnumOp extends OpBase { readonly kind: "dropEnum"; readonly enum: EnumModel }
/** ALTER TYPE ... ADD VALUE, placed BEFORE or AFTER an existing value (or last). */
export interface AddEnumValueOp extends OpBase {
  readonly kind: "addEnumValue";
  readonly enum: QualifiedName;
  readonly value: string;
  readonly before?: string;
  readonly after?: string;
  /** The values before the addition and the columns using the type, for an exact reverse. */
  readonly previousValues?: readonly string[];
  readonly usages?: readonly EnumUsage[];
}
export interface RenameEnumValueOp extends OpBase { readonly kind: "renameEnumValue"; readonly enum: QualifiedName; readonly from: string; readonly to: string }
/** ALTER TYPE ... RENAME TO: the type keeps its schema, its values and the columns using it. */
export interface RenameEnumOp extends OpBase { readonly kind: "renameEnum"; readonly enum: QualifiedName; readonly to: string }

/** A column whose type is (an array of) an enum; its default must be re-typed when the enum is recreated. */
export interface EnumUsage {
  readonly table: QualifiedName;
  readonly column: string;
  readonly array: boolean;
  /** The column's default before the change (re-applied after conversion) and after it. */
  readonly default: string | null;
  readonly newDefault?: string | null;
}

/**
 * Replace an enum's value list where ADD VALUE cannot: removing or reordering
 * values. Renders as: rename the old type, create the new one, convert every
 * using column (`USING col::text::new`), drop the old type.
 */
export interface RecreateEnumOp extends OpBase {
  readonly kind: "recreateEnum";
  readonly enum: QualifiedName;
  readonly values: readonly string[];
  readonly previousValues: readonly string[];
  readonly usages: readonly EnumUsage[];
}

/** `table.indexes` are created by the same op, after the table. */
export interface CreateTableOp extends OpBase { readonly kind: "createTable"; readonly table: TableModel }
/** `definition` is the dropped table in full, for the reverse. */
export interface DropTableOp extends OpBase { readonly kind: "dropTable"; readonly table: QualifiedName; readonly definition?: TableModel; readonly cascade?: boolean }
export interface RenameTableOp extends OpBase { readonly kind: "renameTable"; readonly table: QualifiedName; readonly to: string }

/**
 * Where ADD COLUMN puts a column: first, or right after another column (by
 * name); absent, last. MySQL and MariaDB place it (FIRST, AFTER); PostgreSQL
 * cannot place a column and adds it last, ignoring the position, so a
 * revision that gives one runs there unchanged.
 */
export type ColumnPosition = { readonly first: true } | { readonly after: string };

export interface AddColumnOp extends OpBase { readonly kind: "addColumn"; readonly table: QualifiedName; readonly column: ColumnModel; readonly position?: ColumnPosition }
/** `definition` and `position` are before-state: the reverse adds the column back as it was, where it was. */
export interface DropColumnOp extends OpBase {
  readonly kind: "dropColumn";
  readonly table: QualifiedName;
  readonly column: string;
  readonly definition?: ColumnModel;
  readonly position?: ColumnPosition;
}
export interface RenameColumnOp extends OpBase { readonly kind: "renameColumn"; readonly table: QualifiedName; readonly column: string; readonly to: string }

/** ALTER TABLE ... RENAME CONSTRAINT; a primary key or unique constraint renames its index with it. */
export interface RenameConstraintOp extends OpBase { readonly kind: "renameConstraint"; readonly table: QualifiedName; readonly name: string; readonly to: string }
/** ALTER INDEX ... RENAME TO; `table` (the table or materialized view indexed) gives the index its schema. */
export interface RenameIndexOp extends OpBase { readonly kind: "renameIndex"; readonly table: QualifiedName; readonly name: string; readonly to: string }
/** ALTER SEQUENCE ... RENAME TO (a serial or identity column's sequence): it keeps its schema, value and owner. */
export interface RenameSequenceOp extends OpBase { readonly kind: "renameSequence"; readonly sequence: QualifiedName; readonly to: string }

/** The column's changed properties, one entry each (ops/column-properties.ts). */
export interface AlterColumnOp extends OpBase, ColumnChanges {
  readonly kind: "alterColumn";
  readonly table: QualifiedName;
  readonly column: string;
}

export interface CreateIndexOp extends OpBase {
  readonly kind: "createIndex";
  /** The table (or materialized view) indexed. */
  readonly table: QualifiedName;
  readonly index: IndexModel;
  readonly concurrently?: boolean;
  readonly ifNotExists?: boolean;
}
export interface DropIndexOp extends OpBase {
  readonly kind: "dropIndex";
  /** Indexes live in their table's schema; `table.schema` qualifies the name. */
  readonly table: QualifiedName;
  readonly name: string;
  readonly definition?: IndexModel;
  readonly concurrently?: boolean;
  readonly ifExists?: boolean;
}

export interface CreatePrimaryKeyOp extends OpBase { readonly kind: "createPrimaryKey"; readonly table: QualifiedName; readonly primaryKey: PrimaryKeyModel }
/** `usingIndex`: attach an existing unique index (built CONCURRENTLY before) instead of building one under the table's lock. */
export interface CreateUniqueConstraintOp extends OpBase { readonly kind: "createUniqueConstraint"; readonly table: QualifiedName; readonly unique: UniqueModel; readonly usingIndex?: string }
/** `notValid`: added without scanning the table (existing rows are checked later by validateConstraint). */
export interface CreateForeignKeyOp extends OpBase { readonly kind: "createForeignKey"; readonly table: QualifiedName; readonly foreignKey: ForeignKeyModel; readonly notValid?: boolean }
export interface CreateCheckConstraintOp extends OpBase { readonly kind: "createCheckConstraint"; readonly table: QualifiedName; readonly check: CheckModel; readonly notValid?: boolean }
/**
 * ALTER TABLE ... VALIDATE CONSTRAINT: checks the existing rows of a NOT VALID
 * foreign key or check under a lock that lets reads and writes go on. It has
 * nothing to undo: the downgrade drops the constraint where it was added.
 */
export interface ValidateConstraintOp extends OpBase { readonly kind: "validateConstraint"; readonly table: QualifiedName; readonly name: string }
export interface CreateExclusionConstraintOp extends OpBase { readonly kind: "createExclusionConstraint"; readonly table: QualifiedName; readonly exclusion: ExclusionModel }

/** The dropped constraint's full definition, tagged by its type, for the reverse. */
export type ConstraintDefinition =
  | { readonly type: "primaryKey"; readonly primaryKey: PrimaryKeyModel }
  | { readonly type: "unique"; readonly unique: UniqueModel }
  | { readonly type: "foreignKey"; readonly foreignKey: ForeignKeyModel }
  | { readonly type: "check"; readonly check: CheckModel }
  | { readonly type: "exclusion"; readonly exclusion: ExclusionModel };

export interface DropConstraintOp extends OpBase {
  readonly kind: "dropConstraint";
  readonly table: QualifiedName;
  readonly name: string;
  readonly definition?: ConstraintDefinition;
}

export interface SetTableCommentOp extends OpBase { readonly kind: "setTableComment"; readonly table: QualifiedName; readonly comment: Change<string | null> }
export interface SetColumnCommentOp extends OpBase { readonly kind: "setColumnComment"; readonly table: QualifiedName; readonly column: string; readonly comment: Change<string | null> }

export interface CreateViewOp extends OpBase { readonly kind: "createView"; readonly view: ViewModel; readonly orReplace?: boolean }
export interface DropViewOp extends OpBase { readonly kind: "dropView"; readonly view: QualifiedName; readonly materialized: boolean; readonly definition?: ViewModel }

/** Raw SQL. `params` are bound ($1, $2, ...) online and escaped as literals offline. */
export interface ExecuteOp extends OpBase { readonly kind: "execute"; readonly sql: string; readonly params?: readonly unknown[] }
/** One column a backfill sets: to a value (bound as a parameter) or to an SQL expression (evaluated per row). */
export type BackfillAssignment =
  | { readonly column: string; readonly value: unknown }
  | { readonly column: string; readonly expression: SqlExpression };

/**
 * UPDATE of the rows of `table` (those matching `where`) in batches of
 * `batchSize`, walked in key order (keyset: after the last key done, never
 * OFFSET), each batch committed on its own together with the last key done,
 * so a rerun after an interruption carries on and no batch is applied twice.
 * Runs only outside a transaction (src/runtime/backfill.ts).
 */
export interface BackfillOp extends OpBase {
  readonly kind: "backfill";
  readonly table: QualifiedName;
  readonly set: readonly BackfillAssignment[];
  readonly where?: SqlExpression;
  readonly batchSize: number;
  /** The columns walked, in order; the table's primary key when absent. */
  readonly key?: readonly string[];
  /** A pause between batches (ms), leaving room to replicas and vacuum. */
  readonly pauseMs?: number;
}

export interface BulkInsertOp extends OpBase { readonly kind: "bulkInsert"; readonly table: QualifiedName; readonly rows: readonly Readonly<Record<string, unknown>>[] }

/**
 * A row of TypeORM's metadata table (`typeorm_metadata`, or the DataSource's
 * `metadataTableName`), in the shape synchronize writes: per view its
 * expression (`database` and `table` NULL), per STORED generated column its
 * expression (`database` = the current database). TypeORM's schema builder
 * reads them back to diff views and generated columns.
 */
export interface TypeormMetadataRow {
  readonly type: TypeormMetadataType;
  readonly schema: string;
  /** The generated column's table; absent for a view. */
  readonly table?: string;
  /** The view's or the column's name. */
  readonly name: string;
  /** The expression as the entity gives it (a view's trimmed); a delete may leave it out, then it has no reverse. */
  readonly value?: string;
}
export type TypeormMetadataType = "VIEW" | "MATERIALIZED_VIEW" | "GENERATED_COLUMN";

/** Insert rows into TypeORM's metadata table, creating the table first when missing (as synchronize does). */
export interface InsertTypeormMetadataOp extends OpBase {
  readonly kind: "insertTypeormMetadata";
  readonly metadataTable: QualifiedName;
  readonly rows: readonly (TypeormMetadataRow & { readonly value: string })[];
}
/** Delete rows from TypeORM's metadata table by their key (type, schema, table, name), whatever their value. */
export interface DeleteTypeormMetadataOp extends OpBase {
  readonly kind: "deleteTypeormMetadata";
  readonly metadataTable: QualifiedName;
  readonly rows: readonly TypeormMetadataRow[];
}

export type Operation =
  | CreateSchemaOp
  | DropSchemaOp
  | CreateExtensionOp
  | DropExtensionOp
  | CreateEnumOp
  | DropEnumOp
  | AddEnumValueOp
  | RenameEnumValueOp
  | RenameEnumOp
  | RecreateEnumOp
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | RenameColumnOp
  | RenameConstraintOp
  | RenameIndexOp
  | RenameSequenceOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreatePrimaryKeyOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | CreateExclusionConstraintOp
  | ValidateConstraintOp
  | DropConstraintOp
  | SetTableCommentOp
  | SetColumnCommentOp
  | CreateViewOp
  | DropViewOp
  | ExecuteOp
  | BulkInsertOp
  | BackfillOp
  | InsertTypeormMetadataOp
  | DeleteTypeormMetadataOp;

export type OperationKind = Operation["kind"];

/** Compile-time exhaustiveness guard for `switch (op.kind)`. */
export function assertNever(value: never): never {
  throw new Error(`unhandled operation: ${JSON.stringify(value)}`);
}
