/**
 * SQL for the rows of TypeORM's metadata table, as TypeORM writes them: the
 * table as its schema builder creates it (every column varchar but `value`
 * text; no key), a view's row with `database` and `table` NULL, a generated
 * column's with `database` = current_database() — the value TypeORM reads it
 * back by, and evaluated where the revision runs, so one revision serves every
 * database it is applied to. Values are bound, never pasted.
 */
import type { QualifiedName } from "../../model/types";
import type { InsertTypeormMetadataOp, TypeormMetadataRow } from "../../ops/types";
import { qualified } from "./quote";
import { statement, type Statement } from "../statement";

/**
 * Both directions create the table when missing, as synchronize does before
 * it touches it: a database that lost it (or never had it) still takes the revision.
 */
function ensureTable(table: QualifiedName): Statement {
  return statement(
    `CREATE TABLE IF NOT EXISTS ${qualified(table)} ("type" character varying NOT NULL, "database" character varying, ` +
      `"schema" character varying, "table" character varying, "name" character varying, "value" text)`,
  );
}

export function insertTypeormMetadata(op: InsertTypeormMetadataOp): Statement[] {
  if (op.rows.length === 0) return [];
  const params: unknown[] = [];
  const bind = (value: string): string => {
    params.push(value);
    return `$${params.length}`;
  };
  // bound left to right, so a row's $n follow its columns
  const values = op.rows.map((row) => {
    const type = bind(row.type);
    const generated = row.type === "GENERATED_COLUMN";
    const database = generated ? "current_database()" : "NULL";
    const schema = bind(row.schema);
    const table = generated ? bind(row.table ?? "") : "NULL";
    const name = bind(row.name);
    const value = bind(row.value);
    return `(${type}, ${database}, ${schema}, ${table}, ${name}, ${value})`;
  });
  const insert = `INSERT INTO ${qualified(op.metadataTable)} ("type", "database", "schema", "table", "name", "value") VALUES ${values.join(", ")}`;
  return [ensureTable(op.metadataTable), statement(insert, { params })];
}

/** One DELETE per row, matching it as TypeORM's own delete does (its value aside). */
export function deleteTypeormMetadata(table: QualifiedName, rows: readonly TypeormMetadataRow[]): Statement[] {
  if (rows.length === 0) return [];
  return [ensureTable(table), ...rows.map((row) => deleteRow(table, row))];
}

function deleteRow(table: QualifiedName, row: TypeormMetadataRow): Statement {
  if (row.type === "GENERATED_COLUMN") {
    return statement(
      `DELETE FROM ${qualified(table)} WHERE "type" = $1 AND "database" = current_database() AND "schema" = $2 AND "table" = $3 AND "name" = $4`,
      { params: [row.type, row.schema, row.table ?? "", row.name] },
    );
  }
  return statement(`DELETE FROM ${qualified(table)} WHERE "type" = $1 AND "schema" = $2 AND "name" = $3`, { params: [row.type, row.schema, row.name] });
}
