/**
 * The DDL of the scratch copy, written the way TypeORM's mysql query runner
 * writes synchronize's (MysqlQueryRunner.createTableSql and
 * buildCreateColumnSql): the same clauses in the same order, the model's
 * types and defaults pasted as TypeORM pastes them. So what the server
 * stores for the copy is what it stores after synchronize.
 *
 * Names are quoted here with backticks (doubled inside) and comments as
 * literals for the session's sql_mode (COMMENT takes no hex or introducer
 * form); the dialect's own quoting part can take over once it is built.
 */
import type { ColumnModel, ForeignKeyModel, IndexKey, IndexModel, QualifiedName, TableModel, ViewModel } from "../../../model/types";
import { columnCharset, columnOnUpdate, generatedStorage, tableOptions } from "../../../model/types";

export function ident(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

/** A plain string literal, backslashes doubled unless the session's sql_mode has NO_BACKSLASH_ESCAPES. */
export function literal(value: string, backslashEscapes: boolean): string {
  const escaped = backslashEscapes ? value.replace(/\\/g, "\\\\") : value;
  return `'${escaped.replace(/'/g, "''")}'`;
}

export interface ScratchNames {
  /** The scratch database standing for a model schema; references outside the model keep their real database. */
  readonly databaseOf: (schema: string) => string;
  readonly mariadb: boolean;
  /** The session reads `\\` in a string as an escape (no NO_BACKSLASH_ESCAPES in sql_mode). */
  readonly backslashEscapes: boolean;
}

export function createTableStatement(table: TableModel, names: ScratchNames): string {
  const parts = [
    ...table.columns.map((column) => columnDefinition(column, names)),
    ...table.indexes.map(indexClause),
    ...table.foreignKeys.map((fk) => foreignKeyClause(fk, names)),
    ...table.checks.map((check) => `CONSTRAINT ${ident(check.name)} CHECK (${check.expression})`),
    ...(table.primaryKey === null ? [] : [`PRIMARY KEY (${table.primaryKey.columns.map(ident).join(", ")})`]),
  ];
  const options = tableOptions(table);
  const tail = [
    options.engine === null ? "" : ` ENGINE=${ident(options.engine)}`,
    options.charset === null ? "" : ` DEFAULT CHARSET=${ident(options.charset)}`,
    options.collation === null ? "" : ` COLLATE=${ident(options.collation)}`,
    table.comment === null ? "" : ` COMMENT=${literal(table.comment, names.backslashEscapes)}`,
  ].join("");
  return `CREATE TABLE ${qualified(table, names)} (${parts.join(", ")})${tail}`;
}

export function createViewStatement(view: ViewModel, names: ScratchNames): string {
  return `CREATE VIEW ${qualified(view, names)} AS ${view.definition}`;
}

function qualified(name: QualifiedName, names: ScratchNames): string {
  return `${ident(names.databaseOf(name.schema))}.${ident(name.name)}`;
}

function columnDefinition(column: ColumnModel, names: ScratchNames): string {
  const { mariadb, backslashEscapes } = names;
  let sql = `${ident(column.name)} ${column.type}`;
  const charset = columnCharset(column);
  if (charset !== null) sql += ` CHARACTER SET ${ident(charset)}`;
  if (column.collation !== null) sql += ` COLLATE ${ident(column.collation)}`;
  if (column.generated !== null) sql += ` AS (${column.generated}) ${generatedStorage(column) === "virtual" ? "VIRTUAL" : "STORED"}`;
  // MariaDB refuses NULL / NOT NULL on a generated column; TypeORM leaves it out there
  if (!(mariadb && column.generated !== null)) sql += column.nullable ? " NULL" : " NOT NULL";
  if (column.identity !== null) sql += " AUTO_INCREMENT";
  if (column.comment !== null) sql += ` COMMENT ${literal(column.comment, backslashEscapes)}`;
  if (column.default !== null) sql += ` DEFAULT ${column.default}`;
  const onUpdate = columnOnUpdate(column);
  if (onUpdate !== null) sql += ` ON UPDATE ${onUpdate}`;
  return sql;
}

function indexClause(index: IndexModel): string {
  const kind = index.method === "fulltext" ? "FULLTEXT " : index.method === "spatial" ? "SPATIAL " : index.unique ? "UNIQUE " : "";
  const using = index.method === "hash" ? " USING HASH" : "";
  return `${kind}INDEX ${ident(index.name)} (${index.keys.map(keySql).join(", ")})${using}`;
}

function keySql(key: IndexKey): string {
  const target = "column" in key ? ident(key.column) : key.expression;
  return key.descending === true ? `${target} DESC` : target;
}

function foreignKeyClause(fk: ForeignKeyModel, names: ScratchNames): string {
  return (
    `CONSTRAINT ${ident(fk.name)} FOREIGN KEY (${fk.columns.map(ident).join(", ")}) ` +
    `REFERENCES ${qualified(fk.referencedTable, names)} (${fk.referencedColumns.map(ident).join(", ")}) ` +
    `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`
  );
}
