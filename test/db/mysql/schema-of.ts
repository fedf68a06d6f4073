/**
 * What the MariaDB end-to-end tests compare: a database's tables as SHOW
 * CREATE TABLE prints them, TypeORM's own synchronize as the reference, and
 * the normalisation for positions a table changed by ALTER cannot keep.
 */
import type { Connection } from "mysql2/promise";

const typeorm = require("typeorm") as typeof import("typeorm");

/** Migrator's own tables (the version and log tables) and TypeORM's: not part of the user's schema (downgrade base leaves them, as on PostgreSQL). */
export const OWN_TABLES = new Set(["migrator_log", "migrator_version", "typeorm_metadata"]);

/** Every table and view as SHOW CREATE TABLE prints it, AUTO_INCREMENT= counters left out; of the connection's database or of `database`. */
export async function schemaOf(connection: Connection, database?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const prefix = database === undefined ? "" : `\`${database}\`.`;
  for (const name of await tableNames(connection, database)) {
    if (OWN_TABLES.has(name)) continue;
    const [rows] = await connection.query(`SHOW CREATE TABLE ${prefix}\`${name}\``);
    const row = (rows as Record<string, string>[])[0]!;
    out[name] = (row["Create Table"] ?? row["Create View"]!).replace(/ AUTO_INCREMENT=\d+/, "");
  }
  return out;
}

/** The tables and views of the connection's database or of `database`, by name. */
export async function tableNames(connection: Connection, database?: string): Promise<string[]> {
  const [tables] = await connection.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) ORDER BY TABLE_NAME", [database ?? null]);
  return (tables as { name: string }[]).map((t) => t.name);
}

/** TypeORM's own synchronize of `entities` on the database at `url`. */
export async function synchronize(url: string, entities: readonly Function[]): Promise<void> {
  const dataSource = new typeorm.DataSource({ type: "mariadb", url, entities: [...entities], synchronize: true, logging: false });
  await dataSource.initialize();
  await dataSource.destroy();
}

/**
 * The same, each table's column lines and plain KEY lines in name order: a
 * table changed by ALTER has its new columns last and its new keys after the
 * old ones, where synchronize of the next version on an empty database puts
 * them where they are declared.
 */
export function anyPositions(schema: Record<string, string>): Record<string, string> {
  const sortLines = (create: string, which: RegExp): string => {
    const lines = create.split("\n");
    const picked = lines.filter((line) => which.test(line)).map((line) => line.replace(/,$/, ""));
    const sorted = [...picked].sort();
    let k = 0;
    return lines.map((line) => (which.test(line) ? sorted[k++]! + (line.endsWith(",") ? "," : "") : line)).join("\n");
  };
  return Object.fromEntries(Object.entries(schema).map(([name, create]) => [name, sortLines(sortLines(create, /^  `/), /^  (UNIQUE |FULLTEXT )?KEY /)]));
}

/**
 * The same, each table's key lines (plain, UNIQUE, FULLTEXT) in name order,
 * columns left where they are: a downgrade puts a dropped column back where
 * it stood (ADD COLUMN ... AFTER), but MySQL has no way to place an index,
 * so a re-created one prints after the keys that stayed.
 */
export function anyKeyOrder(schema: Record<string, string>): Record<string, string> {
  const isKey = (line: string): boolean => /^  (UNIQUE |FULLTEXT )?KEY /.test(line);
  const sortKeys = (create: string): string => {
    const lines = create.split("\n");
    const sorted = lines.filter(isKey).map((line) => line.replace(/,$/, "")).sort();
    let k = 0;
    return lines.map((line) => (isKey(line) ? sorted[k++]! + (line.endsWith(",") ? "," : "") : line)).join("\n");
  };
  return Object.fromEntries(Object.entries(schema).map(([name, create]) => [name, sortKeys(create)]));
}

/** Drop every view and table of the connection's database. */
export async function dropEverything(connection: Connection): Promise<void> {
  const [rows] = await connection.query("SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
  const all = rows as { name: string; type: string }[];
  const views = all.filter((t) => t.type === "VIEW").map((t) => `\`${t.name}\``);
  const tables = all.filter((t) => t.type !== "VIEW").map((t) => `\`${t.name}\``);
  if (views.length > 0) await connection.query(`DROP VIEW ${views.join(", ")}`);
  if (tables.length > 0) await connection.query(`SET FOREIGN_KEY_CHECKS = 0; DROP TABLE ${tables.join(", ")}; SET FOREIGN_KEY_CHECKS = 1`);
}
