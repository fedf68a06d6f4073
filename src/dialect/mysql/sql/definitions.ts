/**
 * The SQL fragments several operations share: a column definition, the
 * constraint and index clauses (inline in CREATE TABLE or after ALTER TABLE
 * ... ADD). MySQL names a primary key PRIMARY whatever it is given, makes a
 * unique constraint a unique index of the constraint's name, and creates an
 * index for a foreign key (named after it) when no index starts with its columns.
 */
import { columnCharset, columnOnUpdate, DEFAULT_SCHEMA, generatedStorage, tableOptions, type TableModel, type CheckModel, type ColumnModel, type ForeignKeyModel, type IndexKey, type IndexModel, type PrimaryKeyModel, type QualifiedName, type UniqueModel } from "../../../model/types";
import type { ConstraintDefinition } from "../../../ops/types";
import { qualified, quoteIdent } from "../quote";
import { refuse } from "./refuse";

export function columnList(columns: readonly string[]): string {
  return `(${columns.map(quoteIdent).join(", ")})`;
}

/** AUTO_INCREMENT is MySQL's serial and identity: it fills the column when no value (or NULL/0) is given. */
export function autoIncrement(column: Pick<ColumnModel, "name" | "serial" | "identity">): boolean {
  if (column.identity === "ALWAYS") {
    refuse(`identity GENERATED ALWAYS (column ${column.name})`, "AUTO_INCREMENT accepts values given to it: use identity BY DEFAULT or serial");
  }
  return column.serial || column.identity === "BY DEFAULT";
}

/**
 * `` `name` type [CHARACTER SET s] [COLLATE c] [GENERATED ALWAYS AS (e) VIRTUAL|STORED] NOT NULL|NULL [DEFAULT d] [ON UPDATE e] [AUTO_INCREMENT] [COMMENT '...'] ``.
 * NULL is written out (but on generated columns): a TIMESTAMP column is NOT NULL by default on servers with explicit_defaults_for_timestamp off.
 */
export function columnDefinition(column: ColumnModel, quoteComment: (text: string) => string): string {
  const parts = [quoteIdent(column.name), column.type];
  const charset = columnCharset(column);
  if (charset !== null) parts.push(`CHARACTER SET ${quoteIdent(charset)}`);
  if (column.collation !== null) parts.push(`COLLATE ${quoteIdent(column.collation)}`);
  if (column.generated !== null) parts.push(`GENERATED ALWAYS AS (${column.generated}) ${generatedStorage(column) === "virtual" ? "VIRTUAL" : "STORED"}`);
  // MariaDB refuses NULL / NOT NULL on a generated column (MySQL takes them): a nullable one says nothing
  if (column.generated === null || !column.nullable) parts.push(column.nullable ? "NULL" : "NOT NULL");
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  const onUpdate = columnOnUpdate(column);
  if (onUpdate !== null) parts.push(`ON UPDATE ${onUpdate}`);
  if (autoIncrement(column)) parts.push("AUTO_INCREMENT");
  if (column.comment !== null) parts.push(`COMMENT ${quoteComment(column.comment)}`);
  return parts.join(" ");
}

function noDeferral(deferrable: boolean, what: string): void {
  if (deferrable) refuse(`deferrable constraints (${what})`, "MySQL checks every constraint at once: leave deferrable out");
}

/** The name is kept for the op's sake only: MySQL calls every primary key PRIMARY. */
export function primaryKeyClause(pk: PrimaryKeyModel): string {
  return `PRIMARY KEY ${columnList(pk.columns)}`;
}

export function uniqueClause(unique: UniqueModel): string {
  noDeferral(unique.deferrable, `unique ${unique.name}`);
  return `CONSTRAINT ${quoteIdent(unique.name)} UNIQUE KEY ${quoteIdent(unique.name)} ${columnList(unique.columns)}`;
}

export function checkClause(check: CheckModel): string {
  return `CONSTRAINT ${quoteIdent(check.name)} CHECK (${check.expression})`;
}

/**
 * MySQL reads an unqualified REFERENCES table in the referencing table's
 * database, not the connection's: a key from another database to the
 * default one would need the current database's name, which the SQL does not know.
 */
export function foreignKeyClause(fk: ForeignKeyModel, table: QualifiedName): string {
  noDeferral(fk.deferrable, `foreign key ${fk.name}`);
  if (fk.referencedTable.schema === DEFAULT_SCHEMA && table.schema !== DEFAULT_SCHEMA) {
    refuse(
      `way to reference the current database from another one (foreign key ${fk.name} of ${table.schema}.${table.name})`,
      "name the referenced table with its database: { schema: \"<database>\", name: \"...\" }",
    );
  }
  let sql = `CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY ${columnList(fk.columns)} REFERENCES ${qualified(fk.referencedTable)} ${columnList(fk.referencedColumns)}`;
  // written even when NO ACTION: MariaDB keeps an omitted action as RESTRICT, which the model tells apart
  return `${sql} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

export function constraintClause(definition: ConstraintDefinition, table: QualifiedName): string {
  switch (definition.type) {
    case "primaryKey":
      return primaryKeyClause(definition.primaryKey);
    case "unique":
      return uniqueClause(definition.unique);
    case "foreignKey":
      return foreignKeyClause(definition.foreignKey, table);
    case "check":
      return checkClause(definition.check);
    case "exclusion":
      return refuse(`exclusion constraints (${definition.exclusion.name})`, "use a unique index or a check, or a trigger through op.execute");
  }
}

/** Index kinds MySQL writes before INDEX; btree and hash are access methods written after the keys. */
const KINDS: Readonly<Record<string, string>> = { fulltext: "FULLTEXT ", spatial: "SPATIAL " };
const METHODS: Readonly<Record<string, string>> = { btree: "", hash: " USING HASH" };

/** FULLTEXT and SPATIAL indexes: built under a shared lock (no LOCK=NONE), and never unique. */
export function isSpecialIndex(index: IndexModel): boolean {
  return KINDS[index.method.toLowerCase()] !== undefined;
}

function indexKey(key: IndexKey, index: IndexModel): string {
  if (key.nullsFirst !== undefined) refuse(`NULLS FIRST/LAST in indexes (${index.name})`, "MySQL sorts NULLs first ascending and last descending: leave nullsFirst out");
  // an expression key is MySQL 8.0.13's functional key part (MariaDB refuses it)
  const sql = "column" in key ? quoteIdent(key.column) : `(${key.expression})`;
  return key.descending === true ? `${sql} DESC` : sql;
}

/** `[UNIQUE|FULLTEXT|SPATIAL] INDEX `name` (keys) [USING HASH]`, for CREATE TABLE and ALTER TABLE ... ADD. */
export function indexClause(index: IndexModel): string {
  const method = index.method.toLowerCase();
  const kind = KINDS[method];
  const using = METHODS[method];
  if (kind === undefined && using === undefined) refuse(`index method ${index.method} (${index.name})`, "use btree, hash, fulltext or spatial");
  if (index.where !== null) refuse(`partial indexes (${index.name} WHERE ${index.where})`, "index every row, or index a generated column");
  if (index.include.length > 0) refuse(`INCLUDE columns in indexes (${index.name})`, "add the columns to the index's keys");
  if (kind !== undefined && index.unique) refuse(`unique ${method} indexes (${index.name})`, "a FULLTEXT or SPATIAL index cannot be unique");
  const prefix = kind ?? (index.unique ? "UNIQUE " : "");
  return `${prefix}INDEX ${quoteIdent(index.name)} (${index.keys.map((k) => indexKey(k, index)).join(", ")})${using ?? ""}`;
}

/** ` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`: what the table gives (or "" for the server's defaults). */
export function tableOptionsClause(table: TableModel): string {
  const options = tableOptions(table);
  let sql = "";
  if (options.engine !== null) sql += ` ENGINE=${quoteIdent(options.engine)}`;
  if (options.charset !== null) sql += ` DEFAULT CHARSET=${quoteIdent(options.charset)}`;
  if (options.collation !== null) sql += ` COLLATE=${quoteIdent(options.collation)}`;
  return sql;
}
