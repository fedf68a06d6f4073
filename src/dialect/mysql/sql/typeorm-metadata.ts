/**
 * SQL for the rows of TypeORM's metadata table as TypeORM's mysql driver
 * writes them: the table as its schema builder creates it (varchar(255)
 * columns but `value` text), and for views and generated columns alike
 * `schema` = the current database, `database` NULL. The neutral default
 * schema is DATABASE(), evaluated where the revision runs. Values are bound.
 */
import { DEFAULT_SCHEMA, type QualifiedName } from "../../../model/types";
import type { InsertTypeormMetadataOp, TypeormMetadataRow } from "../../../ops/types";
import { statement, type Statement } from "../../statement";
import { qualified } from "../quote";

function ensureTable(table: QualifiedName): Statement {
  return statement(
    `CREATE TABLE IF NOT EXISTS ${qualified(table)} (\`type\` varchar(255) NOT NULL, \`database\` varchar(255) NULL, ` +
      "`schema` varchar(255) NULL, `table` varchar(255) NULL, `name` varchar(255) NULL, `value` text NULL) ENGINE=InnoDB",
  );
}

/** The schema column's value: a placeholder, or DATABASE() for the default schema. */
function schemaValue(row: TypeormMetadataRow, params: unknown[]): string {
  if (row.schema === DEFAULT_SCHEMA) return "DATABASE()";
  params.push(row.schema);
  return "?";
}

export function insertTypeormMetadata(op: InsertTypeormMetadataOp): Statement[] {
  if (op.rows.length === 0) return [];
  const params: unknown[] = [];
  const values = op.rows.map((row) => {
    params.push(row.type);
    const schema = schemaValue(row, params);
    const generated = row.type === "GENERATED_COLUMN";
    if (generated) params.push(row.table ?? "");
    params.push(row.name, row.value);
    return `(?, NULL, ${schema}, ${generated ? "?" : "NULL"}, ?, ?)`;
  });
  const insert = `INSERT INTO ${qualified(op.metadataTable)} (\`type\`, \`database\`, \`schema\`, \`table\`, \`name\`, \`value\`) VALUES ${values.join(", ")}`;
  return [ensureTable(op.metadataTable), statement(insert, { params })];
}

/** One DELETE per row, matching it as TypeORM's own delete does (its value aside). */
export function deleteTypeormMetadata(table: QualifiedName, rows: readonly TypeormMetadataRow[]): Statement[] {
  if (rows.length === 0) return [];
  return [ensureTable(table), ...rows.map((row) => deleteRow(table, row))];
}

function deleteRow(table: QualifiedName, row: TypeormMetadataRow): Statement {
  const params: unknown[] = [row.type];
  const schema = schemaValue(row, params);
  let sql = `DELETE FROM ${qualified(table)} WHERE \`type\` = ? AND \`schema\` = ${schema}`;
  if (row.type === "GENERATED_COLUMN") {
    sql += " AND `table` = ?";
    params.push(row.table ?? "");
  }
  params.push(row.name);
  return statement(`${sql} AND \`name\` = ?`, { params });
}
