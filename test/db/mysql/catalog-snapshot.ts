/**
 * What MariaDB's catalog says about some databases, one sorted line per
 * fact, read straight from information_schema (not through migrator's own
 * introspection, which is under test elsewhere). AUTO_INCREMENT counters are
 * left out: they move with the rows, not with the schema.
 */
import type { Connection } from "mysql2/promise";

type Rows = Record<string, unknown>[];

async function rows(connection: Connection, sql: string, params: unknown[]): Promise<Rows> {
  const [result] = await connection.query(sql, params);
  return result as Rows;
}

function line(prefix: string, row: Record<string, unknown>): string {
  return `${prefix} ${Object.values(row).map((v) => (v === null ? "∅" : String(v))).join(" | ")}`;
}

export async function catalogSnapshot(connection: Connection, schemas: readonly string[]): Promise<string[]> {
  const p = [schemas];
  const out: string[] = [];
  const add = (prefix: string, found: Rows): void => {
    for (const row of found) out.push(line(prefix, row));
  };
  add("schema", await rows(connection, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?)", p));
  add("table", await rows(connection, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (?)", p));
  add(
    "column",
    await rows(
      connection,
      "SELECT TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLLATION_NAME, COLUMN_COMMENT, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (?)",
      p,
    ),
  );
  add(
    "index",
    await rows(connection, "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, COLLATION, INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (?)", p),
  );
  add("constraint", await rows(connection, "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA IN (?)", p));
  add(
    "key",
    await rows(
      connection,
      "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA IN (?)",
      p,
    ),
  );
  add("fk", await rows(connection, "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (?)", p));
  add("check", await rows(connection, "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (?)", p));
  add("view", await rows(connection, "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (?)", p));
  return out.sort();
}
