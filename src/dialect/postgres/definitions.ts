/**
 * The SQL fragments shared by several operations: a column definition, the
 * constraint clauses (inline in CREATE TABLE or after ALTER TABLE ... ADD),
 * CREATE INDEX and COMMENT ON.
 */
import { MigratorError } from "../../errors";
import { columnCharset, columnOnUpdate, generatedStorage } from "../../model/types";
import type {
  CheckModel,
  ColumnModel,
  ExclusionModel,
  ForeignKeyModel,
  IndexKey,
  IndexModel,
  PrimaryKeyModel,
  QualifiedName,
  UniqueModel,
} from "../../model/types";
import type { ConstraintDefinition } from "../../ops/types";
import { qualified, quoteIdent, quoteLiteral } from "./quote";
import { statement, type Statement } from "../statement";

const SERIAL_TYPES: Readonly<Record<string, string>> = {
  integer: "serial",
  int: "serial",
  int4: "serial",
  bigint: "bigserial",
  int8: "bigserial",
  smallint: "smallserial",
  int2: "smallserial",
};

export function columnList(columns: readonly string[]): string {
  return `(${columns.map(quoteIdent).join(", ")})`;
}

/** `"name" type [COLLATE] [NOT NULL] [DEFAULT | IDENTITY | GENERATED]`. */
export function columnDefinition(table: QualifiedName, column: ColumnModel): string {
  refuseMysqlOnly(table, column);
  const parts = [quoteIdent(column.name), column.serial ? serialType(table, column) : column.type];
  if (column.collation !== null) parts.push(`COLLATE ${quoteIdent(column.collation)}`);
  if (column.generated !== null) parts.push(`GENERATED ALWAYS AS (${column.generated}) STORED`);
  if (column.identity !== null) parts.push(`GENERATED ${column.identity} AS IDENTITY`);
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  if (!column.nullable) parts.push("NOT NULL");
  return parts.join(" ");
}

/** The model's MySQL-only column fields have no PostgreSQL form: refused rather than dropped silently. */
function refuseMysqlOnly(table: QualifiedName, column: ColumnModel): void {
  const found = [
    columnOnUpdate(column) !== null ? "onUpdate" : undefined,
    columnCharset(column) !== null ? "charset" : undefined,
    generatedStorage(column) === "virtual" ? "generatedStorage: virtual" : undefined,
  ].filter((field) => field !== undefined);
  if (found.length === 0) return;
  throw new MigratorError(`column ${qualified(table)}.${quoteIdent(column.name)} has ${found.join(", ")}, which PostgreSQL does not have`, {
    hint: "these are MySQL/MariaDB column properties; remove them from the column",
  });
}

function serialType(table: QualifiedName, column: ColumnModel): string {
  const serial = SERIAL_TYPES[column.type.trim().toLowerCase()];
  if (serial === undefined) {
    throw new MigratorError(`column ${qualified(table)}.${quoteIdent(column.name)} is serial but has type ${column.type}`, {
      hint: "serial columns must be integer, bigint or smallint",
    });
  }
  return serial;
}

function deferral(deferrable: boolean, initiallyDeferred: boolean): string {
  if (initiallyDeferred) return " DEFERRABLE INITIALLY DEFERRED";
  return deferrable ? " DEFERRABLE" : "";
}

export function primaryKeyClause(pk: PrimaryKeyModel): string {
  return `CONSTRAINT ${quoteIdent(pk.name)} PRIMARY KEY ${columnList(pk.columns)}`;
}

export function uniqueClause(unique: UniqueModel): string {
  return `CONSTRAINT ${quoteIdent(unique.name)} UNIQUE ${columnList(unique.columns)}${deferral(unique.deferrable, unique.initiallyDeferred)}`;
}

/** UNIQUE USING INDEX: the index (built CONCURRENTLY before) becomes the constraint's, renamed to its name. */
export function uniqueUsingIndexClause(unique: UniqueModel, index: string): string {
  return `CONSTRAINT ${quoteIdent(unique.name)} UNIQUE USING INDEX ${quoteIdent(index)}${deferral(unique.deferrable, unique.initiallyDeferred)}`;
}

export function checkClause(check: CheckModel): string {
  return `CONSTRAINT ${quoteIdent(check.name)} CHECK (${check.expression})`;
}

export function foreignKeyClause(fk: ForeignKeyModel): string {
  let sql = `CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY ${columnList(fk.columns)} REFERENCES ${qualified(fk.referencedTable)} ${columnList(fk.referencedColumns)}`;
  if (fk.onDelete !== "NO ACTION") sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== "NO ACTION") sql += ` ON UPDATE ${fk.onUpdate}`;
  return sql + deferral(fk.deferrable, fk.initiallyDeferred);
}

export function exclusionClause(exclusion: ExclusionModel): string {
  return `CONSTRAINT ${quoteIdent(exclusion.name)} EXCLUDE ${exclusion.definition}`;
}

export function constraintClause(definition: ConstraintDefinition): string {
  switch (definition.type) {
    case "primaryKey":
      return primaryKeyClause(definition.primaryKey);
    case "unique":
      return uniqueClause(definition.unique);
    case "foreignKey":
      return foreignKeyClause(definition.foreignKey);
    case "check":
      return checkClause(definition.check);
    case "exclusion":
      return exclusionClause(definition.exclusion);
  }
}

export function addConstraint(table: QualifiedName, clause: string): Statement {
  return statement(`ALTER TABLE ${qualified(table)} ADD ${clause}`);
}

function indexKey(key: IndexKey): string {
  // Expressions are SQL as given; the parentheses make any expression valid as a key.
  let sql = "column" in key ? quoteIdent(key.column) : `(${key.expression})`;
  if (key.descending === true) sql += " DESC";
  if (key.nullsFirst === true) sql += " NULLS FIRST";
  if (key.nullsFirst === false) sql += " NULLS LAST";
  return sql;
}

export function createIndexStatement(
  table: QualifiedName,
  index: IndexModel,
  options: { concurrently?: boolean; ifNotExists?: boolean } = {},
): Statement {
  let sql = `CREATE ${index.unique ? "UNIQUE " : ""}INDEX`;
  if (options.concurrently === true) sql += " CONCURRENTLY";
  if (options.ifNotExists === true) sql += " IF NOT EXISTS";
  sql += ` ${quoteIdent(index.name)} ON ${qualified(table)} USING ${quoteIdent(index.method)} (${index.keys.map(indexKey).join(", ")})`;
  if (index.include.length > 0) sql += ` INCLUDE ${columnList(index.include)}`;
  if (index.where !== null) sql += ` WHERE ${index.where}`;
  return statement(sql, { transactional: options.concurrently === true ? false : undefined });
}

/**
 * CREATE INDEX CONCURRENTLY, re-runnable: an interrupted or failed run
 * leaves the index INVALID (it exists but is never used, and IF NOT EXISTS
 * would keep it as it is), so an INVALID index of that name is dropped
 * first, then IF NOT EXISTS skips an index a finished run made. The DROP is
 * not concurrent (a DO block runs in a transaction): an INVALID index is
 * dropped at once, but the statement waits for the table's lock.
 */
export function createIndexConcurrentlyStatements(table: QualifiedName, index: IndexModel): Statement[] {
  const name = qualified({ schema: table.schema, name: index.name });
  const body = [
    "BEGIN",
    `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass(${plainLiteral(name)}) AND NOT indisvalid) THEN`,
    `    DROP INDEX ${name};`,
    "  END IF;",
    "END",
  ].join("\n");
  let tag = "$migrator$";
  for (let n = 1; body.includes(tag); n += 1) tag = `$migrator${n}$`;
  return [
    statement(`DO ${tag}\n${body}\n${tag}`),
    createIndexStatement(table, index, { concurrently: true, ifNotExists: true }),
  ];
}

/** A literal read the same whatever standard_conforming_strings says (E'' when it holds a backslash). */
function plainLiteral(value: string): string {
  return value.includes("\\") ? `E${quoteLiteral(value.replace(/\\/g, "\\\\"))}` : quoteLiteral(value);
}

export function commentLiteral(comment: string | null): string {
  return comment === null ? "NULL" : quoteLiteral(comment);
}

export function tableCommentStatement(table: QualifiedName, comment: string | null): Statement {
  return statement(`COMMENT ON TABLE ${qualified(table)} IS ${commentLiteral(comment)}`);
}

export function columnCommentStatement(table: QualifiedName, column: string, comment: string | null): Statement {
  return statement(`COMMENT ON COLUMN ${qualified(table)}.${quoteIdent(column)} IS ${commentLiteral(comment)}`);
}
