/**
 * `Operations`: the `op` object a revision's `upgrade(op)` / `downgrade(op)`
 * receives. Every method builds one frozen operation and hands it to the sink
 * (which runs it, prints its SQL, or records it). Tables are named as
 * `"user"` (the default schema: public, or a fleet tenant's, see RevisionHome) or `{ schema: "audit", name: "user" }`.
 * Types, defaults and other expressions are SQL text; values (bulkInsert,
 * execute params) are JS values, bound as parameters.
 */
import type { Row } from "../db/types";
import { MigratorError } from "../errors";
import { toColumnModel, type ColumnSpec } from "./column-spec";
import { columnPosition, type ColumnPositionSpec } from "./column-position";
import { constraintDefinition, type ConstraintDefinitionSpec } from "./constraint-spec";
import { COLUMN_PROPERTY_KEYS, COLUMN_PROPERTIES, ColumnChangesBuilder } from "./column-properties";
import { backfillFields, type BackfillOptions } from "./backfill-spec";
import { makeOp } from "./make-op";
import { sqlTag } from "./sql-expression";
import { RecordingSink, type OperationSink } from "./sink";
import {
  checkModel,
  exclusionModel,
  foreignKeyModel,
  indexModel,
  primaryKeyModel,
  tableModel,
  uniqueModel,
  type CreateTableOptions,
  type DeferrableOptions,
  type ForeignKeyOptions,
  type IndexKeySpec,
  type IndexOptions,
  type IndexSpec,
  type AlterColumnOptions,
  type EnumUsageSpec,
  usage,
} from "./specs";
import { moveSchema } from "./move-schema";
import { resolveRef, type TableRef } from "./table-ref";
import { checkTypeormMetadataRows, insertedRows, TYPEORM_METADATA_TABLE, type TypeormMetadataRowSpec } from "./typeorm-metadata-rows";
import type { DialectTypes } from "../model/dialect-types";
import { DEFAULT_SCHEMA, type QualifiedName } from "../model/types";
import type { Change, Operation } from "./types";

function change<T>(to: T | undefined, from: T | undefined): Change<T> | undefined {
  if (to === undefined) return undefined;
  return from === undefined ? { to } : { from, to };
}

/** NOT VALID: the constraint binds new rows at once and the existing ones only at validateConstraint. */
export interface NotValidOption {
  readonly notValid?: boolean;
}

/**
 * Where a revision runs. A revision names its default schema without
 * saying it: plain names (`"user"`), and `public.` in SQL text, as
 * autogenerate writes both. On a plain database that is public; a fleet
 * runs the same revision in a tenant's schema.
 */
export interface RevisionHome {
  /** The schema plain names are in. */
  readonly schema: string;
  /** SQL text (types, defaults, checks...) written for public, as it reads here. */
  readonly sql: (text: string) => string;
}

const PUBLIC_HOME: RevisionHome = Object.freeze({ schema: DEFAULT_SCHEMA, sql: (text: string) => text });

export class Operations {
  private readonly home: RevisionHome;

  /**
   * An SQL expression with its values as parameters, for op.backfill's `set`
   * and `where`: `op.sql\`coalesce(nickname, ${fallback})\``. A plain value
   * given where an expression may go is always a value, never SQL.
   */
  readonly sql = sqlTag;

  /**
   * `types` (the database's, `dialect.types`) mark a narrowing alterColumn as
   * destructive; the runner, which reads no marks, may leave them out.
   * `home`: a tenant's schema, when a fleet runs the revision there.
   */
  constructor(
    private readonly sink: OperationSink,
    private readonly types?: DialectTypes,
    home?: RevisionHome,
  ) {
    this.home = home ?? PUBLIC_HOME;
  }

  /**
   * Hand a prebuilt operation to the sink (as the runner and the differ produce them): `await op.apply({ kind: "execute", sql: "VACUUM" })`.
   * In a tenant's schema its SQL text is read there (its names are taken as given; `execute` follows the search_path).
   */
  async apply(op: Operation): Promise<void> {
    const here = this.home === PUBLIC_HOME ? op : moveSchema(op, { schema: (schema) => schema, sql: this.home.sql });
    await this.sink.run(makeOp(here, this.types));
  }

  /** A revision's name for a table, type, view...: a plain one is in the home schema. */
  private ref(ref: TableRef, what?: string): QualifiedName {
    return resolveRef(ref, what, this.home.schema);
  }

  /** TypeORM's rows name the schema as text: public's rows are the home schema's. */
  private rowsHere<R extends { readonly schema: string }>(rows: readonly R[]): R[] {
    return rows.map((row) => (row.schema === DEFAULT_SCHEMA && this.home.schema !== DEFAULT_SCHEMA ? { ...row, schema: this.home.schema } : row));
  }

  /** CREATE SCHEMA: `await op.createSchema("audit")`. */
  async createSchema(schema: string, options: { ifNotExists?: boolean } = {}): Promise<void> {
    await this.apply({ kind: "createSchema", schema, ifNotExists: options.ifNotExists });
  }

  /** DROP SCHEMA; `cascade` drops what it holds too (not reversible): `await op.dropSchema("audit")`. */
  async dropSchema(schema: string, options: { cascade?: boolean; ifExists?: boolean } = {}): Promise<void> {
    await this.apply({ kind: "dropSchema", schema, cascade: options.cascade, ifExists: options.ifExists });
  }

  /** `schema` pins where the extension's objects go (WITH SCHEMA). */
  async createExtension(name: string, options: { schema?: string; ifNotExists?: boolean } = {}): Promise<void> {
    const extension = Object.freeze({ name, schema: options.schema ?? null });
    await this.apply({ kind: "createExtension", extension, ifNotExists: options.ifNotExists });
  }

  /** DROP EXTENSION; `schema` (where it was installed) makes the reverse put it back there: `await op.dropExtension("citext")`. */
  async dropExtension(name: string, options: { schema?: string; ifExists?: boolean } = {}): Promise<void> {
    const extension = Object.freeze({ name, schema: options.schema ?? null });
    await this.apply({ kind: "dropExtension", extension, ifExists: options.ifExists });
  }

  /** CREATE TYPE ... AS ENUM, values in order: `await op.createEnum("mood", ["sad", "ok", "happy"])`. */
  async createEnum(name: TableRef, values: readonly string[]): Promise<void> {
    await this.apply({ kind: "createEnum", enum: Object.freeze({ ...this.ref(name, "enum"), values: Object.freeze([...values]) }) });
  }

  /** `values` (the dropped type's values) make the drop reversible. */
  async dropEnum(name: TableRef, options: { values?: readonly string[] } = {}): Promise<void> {
    await this.apply({ kind: "dropEnum", enum: Object.freeze({ ...this.ref(name, "enum"), values: Object.freeze([...(options.values ?? [])]) }) });
  }

  /**
   * ALTER TYPE ... ADD VALUE, last or placed before/after an existing value.
   * `existingValues` and `usages` make it reversible (as a recreateEnum).
   */
  async addEnumValue(
    name: TableRef,
    value: string,
    options: { before?: string; after?: string; existingValues?: readonly string[]; usages?: readonly EnumUsageSpec[] } = {},
  ): Promise<void> {
    if (options.before !== undefined && options.after !== undefined) {
      throw new MigratorError(`addEnumValue ${JSON.stringify(value)}: give before or after, not both`);
    }
    await this.apply({
      kind: "addEnumValue",
      enum: this.ref(name, "enum"),
      value,
      before: options.before,
      after: options.after,
      previousValues: options.existingValues === undefined ? undefined : Object.freeze([...options.existingValues]),
      usages: options.usages === undefined ? undefined : Object.freeze(options.usages.map((u) => usage(u, this.home.schema))),
    });
  }

  /** ALTER TYPE ... RENAME VALUE: `await op.renameEnumValue("mood", "ok", "fine")`. */
  async renameEnumValue(name: TableRef, from: string, to: string): Promise<void> {
    await this.apply({ kind: "renameEnumValue", enum: this.ref(name, "enum"), from, to });
  }

  /** ALTER TYPE ... RENAME TO: columns of the type keep it under its new name. */
  async renameEnum(name: TableRef, newName: string): Promise<void> {
    await this.apply({ kind: "renameEnum", enum: this.ref(name, "enum"), to: newName });
  }

  /** Replace an enum's values (removing or reordering), converting every column that uses it. */
  async recreateEnum(
    name: TableRef,
    values: readonly string[],
    options: { existingValues: readonly string[]; usages?: readonly EnumUsageSpec[] },
  ): Promise<void> {
    await this.apply({
      kind: "recreateEnum",
      enum: this.ref(name, "enum"),
      values: Object.freeze([...values]),
      previousValues: Object.freeze([...options.existingValues]),
      usages: Object.freeze((options.usages ?? []).map((u) => usage(u, this.home.schema))),
    });
  }

  /**
   * CREATE TABLE with its constraints, then its comments and indexes:
   * `await op.createTable("tag", { columns: [{ name: "id", type: "integer", primaryKey: true }, { name: "label", type: "text" }] })`.
   */
  async createTable(table: TableRef, options: CreateTableOptions): Promise<void> {
    await this.apply({ kind: "createTable", table: tableModel(this.ref(table), options, this.home.schema) });
  }

  /** `definition` (the table as created) makes the drop reversible. */
  async dropTable(table: TableRef, options: { cascade?: boolean; definition?: CreateTableOptions } = {}): Promise<void> {
    const name = this.ref(table);
    const definition = options.definition === undefined ? undefined : tableModel(name, options.definition, this.home.schema);
    await this.apply({ kind: "dropTable", table: name, definition, cascade: options.cascade });
  }

  /** ALTER TABLE ... RENAME TO (the table keeps its schema): `await op.renameTable("user", "account")`. */
  async renameTable(table: TableRef, newName: string): Promise<void> {
    await this.apply({ kind: "renameTable", table: this.ref(table), to: newName });
  }

  /**
   * ALTER TABLE ... ADD COLUMN (its comment after): `await op.addColumn("user", { name: "nickname", type: "varchar(40)" })`.
   * `position` places it on MySQL/MariaDB (`{ after: "email" }`, `{ first: true }`; see ops/column-position.ts);
   * PostgreSQL adds it last whatever the position says.
   */
  async addColumn(table: TableRef, column: ColumnSpec, position?: ColumnPositionSpec): Promise<void> {
    if (column.primaryKey === true) {
      throw new MigratorError(`addColumn "${column.name}": primaryKey is for createTable; use createPrimaryKey`);
    }
    const model = toColumnModel(column);
    const where = columnPosition(position, model.name, `addColumn "${model.name}"`);
    await this.apply({ kind: "addColumn", table: this.ref(table), column: model, position: where });
  }

  /** `existing` (the column as defined) makes the drop reversible; `existingPosition` (where it stood) makes the reverse put it back there. */
  async dropColumn(table: TableRef, column: string, options: { existing?: ColumnSpec; existingPosition?: ColumnPositionSpec } = {}): Promise<void> {
    const definition = options.existing === undefined ? undefined : toColumnModel(options.existing);
    const position = columnPosition(options.existingPosition, column, `dropColumn "${column}"`);
    await this.apply({ kind: "dropColumn", table: this.ref(table), column, definition, position });
  }

  /** ALTER TABLE ... RENAME COLUMN: `await op.renameColumn("user", "mail", "email")`. */
  async renameColumn(table: TableRef, column: string, newName: string): Promise<void> {
    await this.apply({ kind: "renameColumn", table: this.ref(table), column, to: newName });
  }

  /**
   * Change a column's properties (see AlterColumnOptions); `existing*` values make it reversible:
   * `await op.alterColumn("user", "email", { type: "varchar(320)", existingType: "varchar(255)" })`.
   */
  async alterColumn(table: TableRef, column: string, options: AlterColumnOptions): Promise<void> {
    const name = this.ref(table);
    const changes = new ColumnChangesBuilder();
    for (const key of COLUMN_PROPERTY_KEYS) changes.set(key, COLUMN_PROPERTIES[key].fromOptions(options));
    if (changes.empty) {
      throw new MigratorError(`alterColumn ${name.schema}.${name.name}.${column} changes nothing`, {
        hint: `pass at least one of ${COLUMN_PROPERTY_KEYS.join(", ")}`,
      });
    }
    await this.apply({ kind: "alterColumn", table: name, column, ...changes.build() });
  }

  /**
   * CREATE INDEX; `concurrently` runs outside the transaction (and is made re-runnable):
   * `await op.createIndex("user", "user_email_idx", ["email"], { unique: true })`.
   */
  async createIndex(
    table: TableRef,
    name: string,
    keys: readonly IndexKeySpec[],
    options: IndexOptions & { concurrently?: boolean; ifNotExists?: boolean } = {},
  ): Promise<void> {
    const index = indexModel(name, keys, options);
    await this.apply({ kind: "createIndex", table: this.ref(table), index, concurrently: options.concurrently, ifNotExists: options.ifNotExists });
  }

  /** `definition` (keys and options as created) makes the drop reversible. */
  async dropIndex(
    table: TableRef,
    name: string,
    options: { concurrently?: boolean; ifExists?: boolean; definition?: Omit<IndexSpec, "name"> } = {},
  ): Promise<void> {
    const definition = options.definition === undefined ? undefined : indexModel(name, options.definition.keys, options.definition);
    await this.apply({ kind: "dropIndex", table: this.ref(table), name, definition, concurrently: options.concurrently, ifExists: options.ifExists });
  }

  /** ALTER TABLE ... ADD PRIMARY KEY: `await op.createPrimaryKey("user", "user_pkey", ["id"])`. */
  async createPrimaryKey(table: TableRef, name: string, columns: readonly string[]): Promise<void> {
    const ref = this.ref(table);
    await this.apply({ kind: "createPrimaryKey", table: ref, primaryKey: primaryKeyModel(ref, { name, columns }) });
  }

  /** ALTER TABLE ... ADD UNIQUE: `await op.createUniqueConstraint("user", "user_email_key", ["email"], { deferrable: true })`. */
  /** `usingIndex`: attach that unique index (built CONCURRENTLY) rather than build one under the table's lock; it takes the constraint's name. */
  async createUniqueConstraint(
    table: TableRef,
    name: string,
    columns: readonly string[],
    options: DeferrableOptions & { usingIndex?: string } = {},
  ): Promise<void> {
    const ref = this.ref(table);
    const { usingIndex, ...rest } = options;
    await this.apply({ kind: "createUniqueConstraint", table: ref, unique: uniqueModel(ref, { ...rest, name, columns }), usingIndex });
  }

  /**
   * ALTER TABLE ... ADD FOREIGN KEY from `columns` to `referencedColumns` of `referencedTable`:
   * `await op.createForeignKey("post", "post_author_fkey", ["author_id"], "user", ["id"], { onDelete: "CASCADE" })`.
   */
  async createForeignKey(
    table: TableRef,
    name: string,
    columns: readonly string[],
    referencedTable: TableRef,
    referencedColumns: readonly string[],
    options: ForeignKeyOptions & NotValidOption = {},
  ): Promise<void> {
    const ref = this.ref(table);
    const { notValid, ...rest } = options;
    const foreignKey = foreignKeyModel(ref, { ...rest, name, columns, references: referencedTable, referencedColumns }, this.home.schema);
    await this.apply({ kind: "createForeignKey", table: ref, foreignKey, notValid });
  }

  /** `expression` is the boolean SQL inside CHECK (...). */
  async createCheckConstraint(table: TableRef, name: string, expression: string, options: NotValidOption = {}): Promise<void> {
    await this.apply({ kind: "createCheckConstraint", table: this.ref(table), check: checkModel({ name, expression }), notValid: options.notValid });
  }

  /**
   * ALTER TABLE ... VALIDATE CONSTRAINT, for a constraint added `notValid`: the
   * existing rows are checked under SHARE UPDATE EXCLUSIVE (reads and writes go
   * on). Run it in a revision of its own, or a `transactional = false` one, so
   * the short lock of the NOT VALID add is released first.
   */
  async validateConstraint(table: TableRef, name: string): Promise<void> {
    await this.apply({ kind: "validateConstraint", table: this.ref(table), name });
  }

  /** `definition` is what follows EXCLUDE: `USING gist (room WITH =, during WITH &&)`. */
  async createExclusionConstraint(table: TableRef, name: string, definition: string): Promise<void> {
    await this.apply({ kind: "createExclusionConstraint", table: this.ref(table), exclusion: exclusionModel({ name, definition }) });
  }

  /**
   * `definition` (the constraint as created, in createTable's shapes; its
   * name defaults to `name`) makes the drop reversible.
   */
  async dropConstraint(table: TableRef, name: string, options: { definition?: ConstraintDefinitionSpec } = {}): Promise<void> {
    const ref = this.ref(table);
    const definition = options.definition === undefined ? undefined : constraintDefinition(ref, name, options.definition, this.home.schema);
    await this.apply({ kind: "dropConstraint", table: ref, name, definition });
  }

  /** ALTER TABLE ... RENAME CONSTRAINT (a primary key or unique constraint's index is renamed with it). */
  async renameConstraint(table: TableRef, name: string, newName: string): Promise<void> {
    await this.apply({ kind: "renameConstraint", table: this.ref(table), name, to: newName });
  }

  /** ALTER INDEX ... RENAME TO; the index is in `table`'s schema. */
  async renameIndex(table: TableRef, name: string, newName: string): Promise<void> {
    await this.apply({ kind: "renameIndex", table: this.ref(table), name, to: newName });
  }

  /** ALTER SEQUENCE ... RENAME TO (such as the sequence of a serial or identity column). */
  async renameSequence(sequence: TableRef, newName: string): Promise<void> {
    await this.apply({ kind: "renameSequence", sequence: this.ref(sequence, "sequence"), to: newName });
  }

  /** null removes the comment; `existingComment` makes it reversible. */
  async setTableComment(table: TableRef, comment: string | null, options: { existingComment?: string | null } = {}): Promise<void> {
    await this.apply({ kind: "setTableComment", table: this.ref(table), comment: change(comment, options.existingComment) ?? { to: comment } });
  }

  /** COMMENT ON COLUMN; null removes it, `existingComment` makes it reversible: `await op.setColumnComment("user", "email", "login")`. */
  async setColumnComment(
    table: TableRef,
    column: string,
    comment: string | null,
    options: { existingComment?: string | null } = {},
  ): Promise<void> {
    await this.apply({ kind: "setColumnComment", table: this.ref(table), column, comment: change(comment, options.existingComment) ?? { to: comment } });
  }

  /** `definition` is the SELECT. Indexes apply to materialized views. */
  async createView(
    view: TableRef,
    definition: string,
    options: { materialized?: boolean; orReplace?: boolean; indexes?: readonly IndexSpec[] } = {},
  ): Promise<void> {
    const name = this.ref(view, "view");
    const indexes = (options.indexes ?? []).map((spec) => indexModel(spec.name, spec.keys, spec));
    if (indexes.length > 0 && options.materialized !== true) throw new MigratorError(`view ${name.schema}.${name.name}: only a materialized view can have indexes`);
    const model = Object.freeze({ ...name, materialized: options.materialized === true, definition, indexes: Object.freeze(indexes) });
    await this.apply({ kind: "createView", view: model, orReplace: options.orReplace });
  }

  /** `definition` (the SELECT, and indexes) makes the drop reversible. */
  async dropView(
    view: TableRef,
    options: { materialized?: boolean; definition?: string; indexes?: readonly IndexSpec[] } = {},
  ): Promise<void> {
    const name = this.ref(view, "view");
    const materialized = options.materialized === true;
    const indexes = Object.freeze((options.indexes ?? []).map((spec) => indexModel(spec.name, spec.keys, spec)));
    const definition = options.definition === undefined ? undefined : Object.freeze({ ...name, materialized, definition: options.definition, indexes });
    await this.apply({ kind: "dropView", view: name, materialized, definition });
  }

  /** Raw SQL; `params` are bound as $1, $2, ... (and written as literals offline). */
  async execute(sql: string, params?: readonly unknown[]): Promise<void> {
    await this.apply({ kind: "execute", sql, params: params === undefined ? undefined : Object.freeze([...params]) });
  }

  /** Run a query and get its rows. Online only: with --sql there is no database to ask. */
  async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.sink.query(sql, params)) as T[];
  }

  /** INSERT the rows (keys are column names; a missing key takes the column default). */
  async bulkInsert(table: TableRef, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
    await this.apply({ kind: "bulkInsert", table: this.ref(table), rows: Object.freeze(rows.map((row) => Object.freeze({ ...row }))) });
  }

  /**
   * UPDATE the table in batches of `batchSize` rows (default 1000) walked in
   * primary-key order, each batch its own short transaction that also
   * records the last key done (in migrator's backfill table), so the table
   * is never held for the whole run and a rerun after an interruption
   * carries on where it stopped, applying no batch twice. Progress goes to
   * stderr. Only in a revision with `export const transactional = false`:
   * `await op.backfill("orders", { set: { status: "new" }, where: op.sql\`status IS NULL\`, batchSize: 10000 })`.
   */
  async backfill(table: TableRef, options: BackfillOptions): Promise<void> {
    const ref = resolveRef(table);
    await this.apply({ kind: "backfill", table: ref, ...backfillFields(`backfill ${ref.schema}.${ref.name}`, options) });
  }

  /**
   * Rows of TypeORM's metadata table, as synchronize writes them for views
   * (`{ type: "VIEW" | "MATERIALIZED_VIEW", schema, name, value }`) and STORED
   * generated columns (`{ type: "GENERATED_COLUMN", schema, table, name, value }`,
   * tied to the current database). Creates the table first when it is missing,
   * as synchronize does. `table` is the metadata table (default `typeorm_metadata`).
   */
  async insertTypeormMetadata(rows: readonly TypeormMetadataRowSpec[], options: { table?: TableRef } = {}): Promise<void> {
    const metadataTable = this.ref(options.table ?? TYPEORM_METADATA_TABLE);
    const checked = insertedRows(checkTypeormMetadataRows(this.rowsHere(rows), "insertTypeormMetadata"), "insertTypeormMetadata");
    await this.apply({ kind: "insertTypeormMetadata", metadataTable, rows: checked });
  }

  /** Delete those rows by type, schema, table and name; each row's `value` (what it held) makes the delete reversible. */
  async deleteTypeormMetadata(rows: readonly TypeormMetadataRowSpec[], options: { table?: TableRef } = {}): Promise<void> {
    const metadataTable = this.ref(options.table ?? TYPEORM_METADATA_TABLE);
    await this.apply({ kind: "deleteTypeormMetadata", metadataTable, rows: checkTypeormMetadataRows(this.rowsHere(rows), "deleteTypeormMetadata") });
  }
}

/** Run `build` against a recording `op` and return the operations it made; `types` and `home` as for Operations. */
export async function collectOperations(build: (op: Operations) => Promise<void> | void, types: DialectTypes | undefined, home?: RevisionHome): Promise<Operation[]> {
  const sink = new RecordingSink();
  await build(new Operations(sink, types, home));
  return sink.ops;
}
