/**
 * A table as TypeORM's mysql query runner creates it (MysqlQueryRunner
 * createTableSql and buildCreateColumnSql), in its spelling: the dialect's
 * normalise lets the server say how it stores each part.
 * - type: the driver's createFullType, then the inline values of an enum or
 *   set (`enum('a','b')`), then ` unsigned`;
 * - default: the driver's normalizeDefault, pasted as synchronize pastes it;
 *   AUTO_INCREMENT is identity `BY DEFAULT` (and has no default);
 * - uniques are unique indexes (TypeORM's metadata builder already made
 *   them so), a `unique: true` column without one gets one named by the
 *   naming strategy, as createTableSql does; FULLTEXT and SPATIAL are
 *   index methods;
 * - the primary key is named PRIMARY, as MySQL names every one;
 * - ENGINE is the entity's engine or InnoDB, which createTableSql always writes;
 *   the table's charset and collation are the database's (TypeORM sets none).
 */
import type { DataSource, EntityMetadata, Table, TableColumn } from "typeorm";
import { EntityError } from "../errors";
import type { ColumnModel, IndexModel, TableModel } from "../model/types";
import { readChecks, readForeignKeys } from "./constraints";
import { entityLabel } from "./metadata";

const ALL_QUOTES_DOUBLED = /^(?:[^']|'')*$/;

export function readMysqlTable(metadata: EntityMetadata, dataSource: DataSource, table: Table, where: { schema: string; defaultSchema: string }): TableModel {
  const primary = table.columns.filter((column) => column.isPrimary).map((column) => column.name);
  return {
    schema: where.schema,
    name: metadata.tableName,
    columns: table.columns.map((column) => readMysqlColumn(column, metadata)),
    primaryKey: primary.length === 0 ? null : { name: "PRIMARY", columns: primary },
    uniques: [],
    indexes: mysqlIndexes(table, dataSource),
    foreignKeys: readForeignKeys(metadata, where.defaultSchema, "database"),
    checks: readChecks(table),
    exclusions: [],
    comment: metadata.comment ? metadata.comment : null,
    options: { engine: metadata.engine ?? "InnoDB", charset: null, collation: null },
  };
}

function readMysqlColumn(column: TableColumn, metadata: EntityMetadata): ColumnModel {
  const autoIncrement = column.isGenerated === true && column.generationStrategy === "increment";
  const generated = column.asExpression ? column.asExpression : null;
  return {
    name: column.name,
    type: mysqlType(column),
    nullable: column.isNullable === true,
    default: autoIncrement ? null : mysqlDefault(column, metadata),
    identity: autoIncrement ? "BY DEFAULT" : null,
    serial: false,
    generated,
    ...(generated !== null && (column.generatedType ?? "VIRTUAL") === "VIRTUAL" ? { generatedStorage: "virtual" as const } : {}),
    collation: column.collation ? column.collation : null,
    ...(column.charset ? { charset: column.charset } : {}),
    ...(column.onUpdate ? { onUpdate: column.onUpdate } : {}),
    comment: column.comment ? column.comment : null,
  };
}

/** `varchar(255)`, `enum('a','it''s')`, `int unsigned`: what buildCreateColumnSql writes, with the values quoted as it quotes them. */
function mysqlType(column: TableColumn): string {
  const full = column.type === "enum" || column.type === "simple-enum" || column.type === "set" ? column.type : fullType(column);
  const values = column.enum ? `(${column.enum.map((value) => `'${value.replaceAll("'", "''")}'`).join(",")})` : "";
  return `${full}${values}${column.unsigned ? " unsigned" : ""}`;
}

function fullType(column: TableColumn): string {
  let type = column.type;
  if (column.length) type += `(${column.length})`;
  else if (column.precision != null && column.scale != null) type += `(${column.precision},${column.scale})`;
  else if (column.precision != null) type += `(${column.precision})`;
  return type;
}

/** TypeORM pastes the default as its driver wrote it; one with a lone quote would be broken SQL, refused here. */
function mysqlDefault(column: TableColumn, metadata: EntityMetadata): string | null {
  const given: unknown = column.default;
  if (given === undefined || given === null || given === "") return null;
  const text = String(given);
  const quoted = /^'([\s\S]*)'$/.exec(text);
  if (quoted !== null && !ALL_QUOTES_DOUBLED.test(quoted[1]!)) {
    throw new EntityError(`the default of ${entityLabel(metadata)}.${column.name} contains a lone quote: ${JSON.stringify(text.slice(0, 60))}`, {
      hint: "TypeORM pastes a string default between quotes as written: write '' for each quote in the value (it''s), or give the SQL as default: () => \"...\"",
    });
  }
  return text;
}

/** Indexes as createTableSql writes them, unique columns' indexes included. */
function mysqlIndexes(table: Table, dataSource: DataSource): IndexModel[] {
  const indexes = table.indices.map((index) => ({
    name: index.name ?? dataSource.namingStrategy.indexName(table, index.columnNames, index.where),
    unique: index.isUnique === true,
    method: index.isFulltext ? "fulltext" : index.isSpatial ? "spatial" : "btree",
    columns: index.columnNames,
  }));
  for (const column of table.columns) {
    if (!column.isUnique) continue;
    const covered = indexes.some((index) => index.unique && index.columns.length === 1 && index.columns[0] === column.name);
    const byUnique = table.uniques.some((unique) => unique.columnNames.length === 1 && unique.columnNames[0] === column.name);
    if (covered || byUnique) continue;
    indexes.push({ name: dataSource.namingStrategy.uniqueConstraintName(table, [column.name]), unique: true, method: "btree", columns: [column.name] });
  }
  for (const unique of table.uniques) {
    if (indexes.some((index) => index.name === unique.name)) continue;
    indexes.push({ name: unique.name ?? "", unique: true, method: "btree", columns: unique.columnNames });
  }
  return indexes.map((index) => ({
    name: index.name,
    unique: index.unique,
    method: index.method,
    keys: index.columns.map((column) => ({ column })),
    where: null,
    include: [],
  }));
}
