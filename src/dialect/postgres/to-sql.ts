/**
 * Operations -> PostgreSQL statements. One exhaustive switch: a new kind in
 * src/ops/types.ts that is not handled here fails to compile.
 */
import { MigratorError } from "../../errors";
import { tableOptions, type QualifiedName, type TableModel, type ViewModel } from "../../model/types";
import { assertNever, type BulkInsertOp, type Operation } from "../../ops/types";
import { arrayLiteral, qualified, quoteIdent } from "./quote";
import { alterColumn } from "./alter-column";
import {
  addConstraint,
  checkClause,
  columnCommentStatement,
  columnDefinition,
  constraintClause,
  createIndexConcurrentlyStatements,
  createIndexStatement,
  exclusionClause,
  foreignKeyClause,
  primaryKeyClause,
  tableCommentStatement,
  uniqueClause,
  uniqueUsingIndexClause,
} from "./definitions";
import { addEnumValue, createEnum, dropEnum, recreateEnum, renameEnumValue } from "./enums";
import { statement, type Statement } from "../statement";
import { deleteTypeormMetadata, insertTypeormMetadata } from "./typeorm-metadata";

/** PostgreSQL's wire protocol counts parameters in 16 bits. */
export const MAX_PARAMS = 65535;

export function toSql(op: Operation): Statement[] {
  switch (op.kind) {
    case "createSchema":
      return [statement(`CREATE SCHEMA ${op.ifNotExists === true ? "IF NOT EXISTS " : ""}${quoteIdent(op.schema)}`)];
    case "dropSchema":
      return [statement(`DROP SCHEMA ${op.ifExists === true ? "IF EXISTS " : ""}${quoteIdent(op.schema)}${op.cascade === true ? " CASCADE" : ""}`)];
    case "createExtension": {
      const schema = op.extension.schema === null ? "" : ` WITH SCHEMA ${quoteIdent(op.extension.schema)}`;
      return [statement(`CREATE EXTENSION ${op.ifNotExists === true ? "IF NOT EXISTS " : ""}${quoteIdent(op.extension.name)}${schema}`)];
    }
    case "dropExtension":
      return [statement(`DROP EXTENSION ${op.ifExists === true ? "IF EXISTS " : ""}${quoteIdent(op.extension.name)}`)];
    case "createEnum":
      return createEnum(op.enum);
    case "dropEnum":
      return dropEnum(op.enum);
    case "addEnumValue":
      return addEnumValue(op);
    case "renameEnumValue":
      return renameEnumValue(op);
    case "renameEnum":
      return [statement(`ALTER TYPE ${qualified(op.enum)} RENAME TO ${quoteIdent(op.to)}`)];
    case "recreateEnum":
      return recreateEnum(op);
    case "createTable":
      return createTable(op.table);
    case "dropTable":
      return [statement(`DROP TABLE ${qualified(op.table)}${op.cascade === true ? " CASCADE" : ""}`)];
    case "renameTable":
      return [statement(`ALTER TABLE ${qualified(op.table)} RENAME TO ${quoteIdent(op.to)}`)];
    case "addColumn": {
      // PostgreSQL cannot place a column: op.position (MySQL's AFTER/FIRST) is ignored and the column goes last
      const add = statement(`ALTER TABLE ${qualified(op.table)} ADD COLUMN ${columnDefinition(op.table, op.column)}`);
      const comment = op.column.comment;
      return comment === null ? [add] : [add, columnCommentStatement(op.table, op.column.name, comment)];
    }
    case "dropColumn":
      return [statement(`ALTER TABLE ${qualified(op.table)} DROP COLUMN ${quoteIdent(op.column)}`)];
    case "renameColumn":
      return [statement(`ALTER TABLE ${qualified(op.table)} RENAME COLUMN ${quoteIdent(op.column)} TO ${quoteIdent(op.to)}`)];
    case "alterColumn":
      return alterColumn(op);
    case "createIndex":
      // concurrently means not transactional: made re-runnable, as an interrupted run leaves its work behind
      if (op.concurrently === true) return createIndexConcurrentlyStatements(op.table, op.index);
      return [createIndexStatement(op.table, op.index, { ifNotExists: op.ifNotExists })];
    case "dropIndex": {
      const concurrently = op.concurrently === true;
            // concurrently: IF EXISTS too, so a rerun after an interruption that dropped it goes on
      const sql = `DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}${op.ifExists === true || concurrently ? "IF EXISTS " : ""}${qualified({ schema: op.table.schema, name: op.name })}`;
      return [statement(sql, { transactional: concurrently ? false : undefined })];
    }
    case "createPrimaryKey":
      return [addConstraint(op.table, primaryKeyClause(op.primaryKey))];
    case "createUniqueConstraint":
      return [addConstraint(op.table, op.usingIndex === undefined ? uniqueClause(op.unique) : uniqueUsingIndexClause(op.unique, op.usingIndex))];
    case "createForeignKey":
      return [addConstraint(op.table, foreignKeyClause(op.foreignKey) + notValid(op.notValid))];
    case "createCheckConstraint":
      return [addConstraint(op.table, checkClause(op.check) + notValid(op.notValid))];
    case "validateConstraint":
      return [statement(`ALTER TABLE ${qualified(op.table)} VALIDATE CONSTRAINT ${quoteIdent(op.name)}`)];
    case "createExclusionConstraint":
      return [addConstraint(op.table, exclusionClause(op.exclusion))];
    case "dropConstraint":
      return [statement(`ALTER TABLE ${qualified(op.table)} DROP CONSTRAINT ${quoteIdent(op.name)}`)];
    case "renameConstraint":
      return [statement(`ALTER TABLE ${qualified(op.table)} RENAME CONSTRAINT ${quoteIdent(op.name)} TO ${quoteIdent(op.to)}`)];
    case "renameIndex":
      return [statement(`ALTER INDEX ${qualified({ schema: op.table.schema, name: op.name })} RENAME TO ${quoteIdent(op.to)}`)];
    case "renameSequence":
      return [statement(`ALTER SEQUENCE ${qualified(op.sequence)} RENAME TO ${quoteIdent(op.to)}`)];
    case "setTableComment":
      return [tableCommentStatement(op.table, op.comment.to)];
    case "setColumnComment":
      return [columnCommentStatement(op.table, op.column, op.comment.to)];
    case "createView":
      return createView(op.view, op.orReplace === true);
    case "dropView":
      return [statement(`DROP ${op.materialized ? "MATERIALIZED " : ""}VIEW ${qualified(op.view)}`)];
    case "execute":
      return [statement(op.sql, { params: op.params === undefined ? undefined : [...op.params] })];
    case "bulkInsert":
      return bulkInsert(op);
    case "backfill":
      // the runner walks it batch by batch (src/runtime/backfill.ts, SQL in runtime/backfill.ts): no one statement says it
      throw new MigratorError(`op.backfill of ${qualified(op.table)} cannot be written as an SQL script: it commits batch by batch, each after the last key the one before reached`, {
        hint: "run it with `migrator upgrade` (without --sql), which also resumes an interrupted backfill; or put the batched UPDATE in an .sql revision yourself",
      });
    case "insertTypeormMetadata":
      return insertTypeormMetadata(op);
    case "deleteTypeormMetadata":
      return deleteTypeormMetadata(op.metadataTable, op.rows);
    default:
      return assertNever(op);
  }
}

/** NOT VALID: the constraint holds for new rows at once; the existing ones are checked by VALIDATE CONSTRAINT. */
function notValid(flag: boolean | undefined): string {
  return flag === true ? " NOT VALID" : "";
}

function createTable(table: TableModel): Statement[] {
  const name = qualified(table);
  const options = tableOptions(table);
  if (options.engine !== null || options.charset !== null || options.collation !== null) {
    throw new MigratorError(`table ${name} has MySQL table options (engine, charset, collation), which PostgreSQL does not have`, {
      hint: "remove `options` from this createTable",
    });
  }
  const lines = [
    ...table.columns.map((column) => columnDefinition(table, column)),
    ...(table.primaryKey === null ? [] : [primaryKeyClause(table.primaryKey)]),
    ...table.uniques.map(uniqueClause),
    ...table.checks.map(checkClause),
    ...table.foreignKeys.map(foreignKeyClause),
    ...table.exclusions.map(exclusionClause),
  ];
  const body = lines.length === 0 ? "()" : `(\n  ${lines.join(",\n  ")}\n)`;
  const out = [statement(`CREATE TABLE ${name} ${body}`)];
  if (table.comment !== null) out.push(tableCommentStatement(table, table.comment));
  for (const column of table.columns) {
    if (column.comment !== null) out.push(columnCommentStatement(table, column.name, column.comment));
  }
  for (const index of table.indexes) out.push(createIndexStatement(table, index));
  return out;
}

function createView(view: ViewModel, orReplace: boolean): Statement[] {
  if (view.materialized && orReplace) {
    throw new MigratorError(`materialized view ${qualified(view)} cannot be created with OR REPLACE`, {
      hint: "drop the materialized view and create it again",
    });
  }
  const kind = view.materialized ? "MATERIALIZED VIEW" : "VIEW";
  const out = [statement(`CREATE ${orReplace ? "OR REPLACE " : ""}${kind} ${qualified(view)} AS ${view.definition}`)];
  for (const index of view.indexes) out.push(createIndexStatement(view, index));
  return out;
}

/**
 * Arrays go as PostgreSQL array text, as node-postgres would send them, so
 * both backends read them the same way whatever the column's (enum) type.
 */
function bindable(value: unknown): unknown {
  return Array.isArray(value) ? arrayLiteral(value) : value;
}

/** Columns are the union of the rows' keys (first seen first); a row without a key gets DEFAULT. */
function bulkInsert(op: BulkInsertOp): Statement[] {
  const table: QualifiedName = op.table;
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
  if (columns.length === 0) {
    return op.rows.map(() => statement(`INSERT INTO ${qualified(table)} DEFAULT VALUES`));
  }
  const head = `INSERT INTO ${qualified(table)} (${columns.map(quoteIdent).join(", ")}) VALUES `;
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
      return `$${params.length}`;
    });
    tuples.push(`(${values.join(", ")})`);
  }
  if (tuples.length > 0) flush();
  return out;
}
