/**
 * The rows of TypeORM's metadata table about views and generated columns, or
 * null when the table does not exist. On MySQL TypeORM writes the current
 * database into `schema` (MysqlQueryRunner: `schema: currentDatabase`) and
 * leaves `database` empty, and reads a generated column's row by the
 * table's database in `schema`: a row's schema is that database in the
 * model's terms (DEFAULT_SCHEMA for the current one), and `here` says
 * whether it is the current one.
 */
import type { Executor } from "../../../db/types";
import { DEFAULT_SCHEMA, type QualifiedName } from "../../../model/types";
import type { LiveTypeormMetadataRow } from "../../catalog";
import type { TypeormMetadataType } from "../../../ops/types";
import { ident } from "../normalise/scratch-ddl";
import { sessionFacts } from "./server";
import { textOrNull } from "./rows";

export async function readTypeormMetadata(executor: Executor, table: QualifiedName): Promise<LiveTypeormMetadataRow[] | null> {
  const facts = await sessionFacts(executor);
  const database = table.schema === DEFAULT_SCHEMA ? facts.database : table.schema;
  const found = await executor.query("SELECT 1 AS present FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", [database, table.name]);
  if (found.rows.length === 0) return null;
  const { rows } = await executor.query(
    `SELECT \`type\`, \`database\`, \`schema\`, \`table\`, \`name\`, \`value\` FROM ${ident(database)}.${ident(table.name)}
      WHERE \`type\` IN ('VIEW', 'MATERIALIZED_VIEW', 'GENERATED_COLUMN')`,
  );
  return rows.map((row) => {
    const db = textOrNull(row, "schema") ?? textOrNull(row, "database");
    return {
      type: textOrNull(row, "type") as TypeormMetadataType,
      schema: db === facts.database ? DEFAULT_SCHEMA : db,
      table: textOrNull(row, "table"),
      name: textOrNull(row, "name"),
      value: textOrNull(row, "value"),
      here: db === facts.database,
    };
  });
}
