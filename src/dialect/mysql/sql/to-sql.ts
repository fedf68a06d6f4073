/**
 * Operations -> MySQL/MariaDB statements. One exhaustive switch: a new kind
 * in src/ops/types.ts that is not handled here fails to compile. What has no
 * MySQL meaning (enum types, extensions, sequences, exclusion constraints,
 * deferrable constraints, materialized views) refuses with a clear error.
 * Schemas are databases. Every DDL statement commits on its own.
 */
import type { QualifiedName, TableModel, ViewModel } from "../../../model/types";
import { assertNever, type BulkInsertOp, type ColumnPosition, type ConstraintDefinition, type CreateIndexOp, type DropConstraintOp, type Operation } from "../../../ops/types";
import { statement, type Statement } from "../../statement";
import { qualified, quoteIdent, quotedOnly, quoteLiteral } from "../quote";
import { alterColumn } from "./alter-column";
import { withComments } from "./comments";
import { rewriteColumn } from "./column-rewrite";
import { checkClause, columnDefinition, foreignKeyClause, indexClause, isSpecialIndex, primaryKeyClause, tableOptionsClause, uniqueClause } from "./definitions";
import { dropIndex } from "./drop-index";
import { IN_PLACE } from "./online";
import { preparedFrom, textPiece } from "./prepared";
import { refuse } from "./refuse";
import { tableFilter } from "./schema-name";
import { BASELINE_SERVER, hasRenameColumn, hasRenameIndex, type MysqlServer } from "./server";
import { deleteTypeormMetadata, insertTypeormMetadata } from "./typeorm-metadata";

/** MySQL's prepared statements count placeholders in 16 bits. */
export const MAX_PARAMS = 65535;

const NO_ENUM_TYPES = "write the values in the column's type, enum('a','b'), and change them with alterColumn";

export function toSqlFor(server: MysqlServer): (op: Operation) => Statement[] {
  return (op) => toSql(op, server);
}

export function toSql(op: Operation, server: MysqlServer = BASELINE_SERVER): Statement[] {
  switch (op.kind) {
    case "createSchema":
      return [statement(`CREATE DATABASE ${op.ifNotExists === true ? "IF NOT EXISTS " : ""}${quoteIdent(op.schema)}`)];
    case "dropSchema":
      return dropSchema(op.schema, op.cascade === true, op.ifExists === true);
    case "createExtension":
    case "dropExtension":
      return refuse(`extensions (${op.extension.name})`, "leave extension operations out of revisions meant for MySQL");
    case "createEnum":
    case "dropEnum":
    case "addEnumValue":
    case "renameEnumValue":
    case "renameEnum":
    case "recreateEnum":
      return refuse(`enum types (${op.enum.name})`, NO_ENUM_TYPES);
    case "renameSequence":
      return refuse(`sequences (${op.sequence.name})`, "AUTO_INCREMENT columns have no sequence to rename");
    case "createExclusionConstraint":
      return refuse(`exclusion constraints (${op.exclusion.name})`, "use a unique index or a check, or a trigger through op.execute");
    case "createTable":
      return createTable(op.table);
    case "dropTable":
      // CASCADE is accepted and ignored by MySQL: a table other tables' foreign keys reference cannot be dropped
      return [statement(`DROP TABLE ${qualified(op.table)}`)];
    case "renameTable":
      return [statement(`RENAME TABLE ${qualified(op.table)} TO ${qualified({ schema: op.table.schema, name: op.to })}`)];
    case "addColumn":
      return withComments([op.column.comment], (quote) => `ALTER TABLE ${qualified(op.table)} ADD COLUMN ${columnDefinition(op.column, quote)}${placement(op.position)}`);
    case "dropColumn":
      return [statement(`ALTER TABLE ${qualified(op.table)} DROP COLUMN ${quoteIdent(op.column)}`)];
    case "renameColumn":
      if (hasRenameColumn(server)) return [statement(`ALTER TABLE ${qualified(op.table)} RENAME COLUMN ${quoteIdent(op.column)} TO ${quoteIdent(op.to)}`)];
      return rewriteColumn(op.table, op.column, {}, op.to);
    case "alterColumn":
      return alterColumn(op);
    case "createIndex":
      return createIndex(op);
    case "dropIndex":
      if (op.ifExists === true) return ifIndex(op.table, op.name, true, `ALTER TABLE ${qualified(op.table)} DROP INDEX ${quoteIdent(op.name)}${IN_PLACE}`);
      return dropIndex(op.table, op.name);
    case "createPrimaryKey":
      return [statement(`ALTER TABLE ${qualified(op.table)} ADD ${primaryKeyClause(op.primaryKey)}`)];
    case "createUniqueConstraint":
      if (op.usingIndex !== undefined) {
        // a unique index is MySQL's unique constraint already: it only takes the constraint's name
        return op.usingIndex === op.unique.name ? [] : renameIndex(op.table, op.usingIndex, op.unique.name, server);
      }
      return [statement(`ALTER TABLE ${qualified(op.table)} ADD ${uniqueClause(op.unique)}${IN_PLACE}`)];
    case "createForeignKey":
      // notValid: MySQL checks the rows at once, which is stronger than asked (validateConstraint then has nothing to do)
      return [statement(`ALTER TABLE ${qualified(op.table)} ADD ${foreignKeyClause(op.foreignKey, op.table)}`)];
    case "createCheckConstraint":
      return [statement(`ALTER TABLE ${qualified(op.table)} ADD ${checkClause(op.check)}`)];
    case "validateConstraint":
      return [];
    case "dropConstraint":
      return dropConstraint(op);
    case "renameConstraint":
      return renameConstraint(op.table, op.name, op.to, server);
    case "renameIndex":
      return renameIndex(op.table, op.name, op.to, server);
    case "setTableComment":
      return withComments([op.comment.to], (quote) => `ALTER TABLE ${qualified(op.table)} COMMENT = ${quote(op.comment.to ?? "")}`);
    case "setColumnComment":
      return rewriteColumn(op.table, op.column, { comment: op.comment.to });
    case "createView":
      return createView(op.view, op.orReplace === true);
    case "dropView":
      if (op.materialized) return refuse(`materialized views (${op.view.name})`, "use a table filled by op.execute");
      return [statement(`DROP VIEW ${qualified(op.view)}`)];
    case "execute":
      return [statement(op.sql, { params: op.params === undefined ? undefined : [...op.params] })];
    case "bulkInsert":
      return bulkInsert(op);
    case "backfill":
      // walked batch by batch by the runner, which has no MySQL form of it yet
      return refuse(`batched backfill in migrator yet (op.backfill of ${op.table.name})`, "update the rows with op.execute in a revision of its own");
    case "insertTypeormMetadata":
      return insertTypeormMetadata(op);
    case "deleteTypeormMetadata":
      return deleteTypeormMetadata(op.metadataTable, op.rows);
    default:
      return assertNever(op);
  }
}

/** FIRST or AFTER `column` (the name quoted, never pasted); nothing for a column that goes last. */
function placement(position: ColumnPosition | undefined): string {
  if (position === undefined) return "";
  return "first" in position ? " FIRST" : ` AFTER ${quoteIdent(position.after)}`;
}

/**
 * DROP DATABASE drops whatever the database holds; without cascade a
 * non-empty one is refused by the server, as PostgreSQL's DROP SCHEMA would:
 * the statement run then names the tables' presence.
 */
function dropSchema(schema: string, cascade: boolean, ifExists: boolean): Statement[] {
  const drop = `DROP DATABASE ${ifExists ? "IF EXISTS " : ""}${quoteIdent(schema)}`;
  if (cascade) return [statement(drop)];
  const refusal = `SELECT ${quoteIdent(`database ${schema.slice(0, 40)} is not empty`.slice(0, 64))}`;
  const empty = `(SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${quoteLiteral(schema)}) = 0`;
  return preparedFrom(`IF(${empty}, ${textPiece(drop)}, ${textPiece(refusal)})`);
}

function createTable(table: TableModel): Statement[] {
  if (table.exclusions.length > 0) refuse(`exclusion constraints (${table.exclusions[0]!.name})`, "use a unique index or a check");
  const comments = [table.comment, ...table.columns.map((c) => c.comment)];
  const create = withComments(comments, (quote) => {
    const lines = [
      ...table.columns.map((column) => columnDefinition(column, quote)),
      ...(table.primaryKey === null ? [] : [primaryKeyClause(table.primaryKey)]),
      ...table.uniques.map(uniqueClause),
      ...table.indexes.map(indexClause),
      ...table.checks.map(checkClause),
      ...table.foreignKeys.map((fk) => foreignKeyClause(fk, table)),
    ];
    const comment = table.comment === null ? "" : ` COMMENT = ${quote(table.comment)}`;
    return `CREATE TABLE ${qualified(table)} (\n  ${lines.join(",\n  ")}\n)${tableOptionsClause(table)}${comment}`;
  });
  return create;
}

function createIndex(op: CreateIndexOp): Statement[] {
  // CONCURRENTLY is PostgreSQL's word for what IN_PLACE asserts here; FULLTEXT and SPATIAL builds take a shared lock
  const online = isSpecialIndex(op.index) || op.index.keys.some((key) => "expression" in key) ? "" : IN_PLACE;
  const add = `ALTER TABLE ${qualified(op.table)} ADD ${indexClause(op.index)}${online}`;
  return op.ifNotExists === true ? ifIndex(op.table, op.index.name, false, add) : [statement(add)];
}

/** Runs `sql` only when an index of that name exists (`exists`) or does not. */
function ifIndex(table: QualifiedName, name: string, exists: boolean, sql: string): Statement[] {
  const found = `EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE ${tableFilter(table)} AND INDEX_NAME = ${quoteLiteral(name)})`;
  return preparedFrom(`IF(${exists ? "" : "NOT "}${found}, ${textPiece(sql)}, NULL)`);
}

function renameIndex(table: QualifiedName, name: string, to: string, server: MysqlServer): Statement[] {
  if (!hasRenameIndex(server)) {
    refuse(`RENAME INDEX before MariaDB 10.5.2 (index ${name})`, "drop the index and create it under the new name");
  }
  return [statement(`ALTER TABLE ${qualified(table)} RENAME INDEX ${quoteIdent(name)} TO ${quoteIdent(to)}${IN_PLACE}`)];
}

/**
 * MySQL renames no constraint: a unique constraint is an index, renamed as
 * one; a foreign key or check has to be dropped and created again, which the
 * op cannot do without its definition, so the server is made to refuse it.
 */
function renameConstraint(table: QualifiedName, name: string, to: string, server: MysqlServer): Statement[] {
  if (!hasRenameIndex(server)) refuse(`RENAME INDEX before MariaDB 10.5.2 (constraint ${name})`, "drop the constraint and create it under the new name");
  const rename = `ALTER TABLE ${qualified(table)} RENAME INDEX ${quoteIdent(name)} TO ${quoteIdent(to)}${IN_PLACE}`;
  const refusal = `SELECT ${quoteIdent(`cannot rename ${name.slice(0, 20)}: drop it, add it renamed`.slice(0, 64))}`;
  const index = `EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE ${tableFilter(table)} AND INDEX_NAME = ${quoteLiteral(name)})`;
  // a foreign key's own index bears its name: renaming that index would leave the key as it was
  const keyOrCheck = `EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE ${tableFilter(table)} AND CONSTRAINT_NAME = ${quoteLiteral(name)} AND CONSTRAINT_TYPE IN ('FOREIGN KEY', 'CHECK'))`;
  return preparedFrom(`IF(${index} AND NOT ${keyOrCheck}, ${textPiece(rename)}, ${textPiece(refusal)})`);
}

function dropConstraint(op: DropConstraintOp): Statement[] {
  const table = qualified(op.table);
  const type: ConstraintDefinition["type"] | undefined = op.definition?.type ?? (op.name === "PRIMARY" ? "primaryKey" : undefined);
  switch (type) {
    case "primaryKey":
      return [statement(`ALTER TABLE ${table} DROP PRIMARY KEY`)];
    case "unique":
      return dropIndex(op.table, op.name);
    case "foreignKey":
      return dropForeignKey(op.table, op.name);
    case "exclusion":
      return refuse(`exclusion constraints (${op.name})`, "leave it out of revisions meant for MySQL");
    case "check":
    case undefined:
      return [statement(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(op.name)}`)];
  }
}

/**
 * DROP FOREIGN KEY, then the index MySQL made for it when it was added (an
 * index of the key's own name), so that dropping undoes adding exactly; an
 * index of another name that served the key stays.
 */
function dropForeignKey(table: QualifiedName, name: string): Statement[] {
  return [
    statement(`ALTER TABLE ${qualified(table)} DROP FOREIGN KEY ${quoteIdent(name)}${IN_PLACE}`),
    ...ifIndex(table, name, true, `ALTER TABLE ${qualified(table)} DROP INDEX ${quoteIdent(name)}${IN_PLACE}`),
  ];
}

function createView(view: ViewModel, orReplace: boolean): Statement[] {
  if (view.materialized) refuse(`materialized views (${view.name})`, "use a table filled by op.execute");
  if (view.indexes.length > 0) refuse(`indexes on views (${view.name})`, "index the tables the view reads");
  return [statement(`CREATE ${orReplace ? "OR REPLACE " : ""}VIEW ${qualified(view)} AS ${view.definition}`)];
}

/** mysql2 binds no arrays or plain objects as one value: they go as JSON text, as the offline literal writes them. */
function bindable(value: unknown): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

/** Columns are the union of the rows' keys (first seen first); a row without a key gets DEFAULT. */
function bulkInsert(op: BulkInsertOp): Statement[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of op.rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const head = `INSERT INTO ${qualified(op.table)} (${columns.map(quoteIdent).join(", ")}) VALUES `;
  const out: Statement[] = [];
  let tuples: string[] = [];
  let params: unknown[] = [];
  const flush = (): void => {
    out.push(statement(head + tuples.join(", "), { params }));
    tuples = [];
    params = [];
  };
  for (const row of op.rows) {
    if (tuples.length > 0 && params.length + columns.length > MAX_PARAMS) flush();
    const values = columns.map((column) => {
      if (!Object.prototype.hasOwnProperty.call(row, column)) return "DEFAULT";
      params.push(bindable(row[column]));
      return "?";
    });
    tuples.push(`(${values.join(", ")})`);
  }
  if (tuples.length > 0) flush();
  return out;
}
