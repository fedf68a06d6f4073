/**
 * The catalog reads: one statement per information_schema view, each over
 * every database in play at once (`IN ('a', 'b')`, the database names), so a
 * read costs the same whatever the number of tables. An executor that takes
 * several statements in one text (connection/executor.ts) gets all seven in
 * one round trip, the names written as literals; another gets them one by
 * one with the names bound. Column aliases keep the rows' keys the same on
 * MySQL and MariaDB.
 *
 * Every join of two information_schema views names the databases on both
 * sides: the server fills a view for the databases its WHERE names as
 * constants, and for every database on the server otherwise.
 */
import type { Executor, Row } from "../../../db/types";
import { resultSetsOf } from "../connection/executor";
import { quoteLiteral } from "../quote";

/** Replaced by the list of databases: placeholders or literals. */
const IN_DATABASES = "IN (@databases)";

const TABLES = `SELECT t.TABLE_SCHEMA AS db, t.TABLE_NAME AS name, t.TABLE_TYPE AS kind, t.ENGINE AS engine,
  t.TABLE_COLLATION AS collation, c.CHARACTER_SET_NAME AS charset, t.TABLE_COMMENT AS comment
FROM information_schema.TABLES t
LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
WHERE t.TABLE_SCHEMA ${IN_DATABASES}`;

const COLUMNS = `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, COLUMN_NAME AS name, ORDINAL_POSITION AS position,
  COLUMN_TYPE AS type, DATA_TYPE AS dataType, COLUMN_DEFAULT AS dflt, IS_NULLABLE AS nullable, EXTRA AS extra,
  GENERATION_EXPRESSION AS generation, CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation, COLUMN_COMMENT AS comment
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA ${IN_DATABASES}
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`;

const STATISTICS = `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, INDEX_NAME AS name, NON_UNIQUE AS nonUnique,
  SEQ_IN_INDEX AS seq, COLUMN_NAME AS col, COLLATION AS direction, SUB_PART AS subPart, INDEX_TYPE AS method
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA ${IN_DATABASES}
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

const FOREIGN_KEYS = `SELECT k.TABLE_SCHEMA AS db, k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col,
  k.REFERENCED_TABLE_SCHEMA AS refDb, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refCol,
  r.DELETE_RULE AS onDelete, r.UPDATE_RULE AS onUpdate
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.TABLE_SCHEMA ${IN_DATABASES} AND r.CONSTRAINT_SCHEMA ${IN_DATABASES} AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

/** MariaDB's CHECK_CONSTRAINTS names the table and says whether the check was written on a column. */
const CHECKS_MARIADB = `SELECT CONSTRAINT_SCHEMA AS db, TABLE_NAME AS tbl, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause, LEVEL AS level
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA ${IN_DATABASES}`;

/** MySQL 8's does not name the table: TABLE_CONSTRAINTS does. */
const CHECKS_MYSQL = `SELECT t.CONSTRAINT_SCHEMA AS db, t.TABLE_NAME AS tbl, t.CONSTRAINT_NAME AS name, c.CHECK_CLAUSE AS clause, 'Table' AS level
FROM information_schema.TABLE_CONSTRAINTS t
JOIN information_schema.CHECK_CONSTRAINTS c ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.CONSTRAINT_SCHEMA ${IN_DATABASES} AND c.CONSTRAINT_SCHEMA ${IN_DATABASES}`;

const VIEWS = `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name, VIEW_DEFINITION AS definition
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA ${IN_DATABASES}`;

const DATABASES = `SELECT SCHEMA_NAME AS db FROM information_schema.SCHEMATA WHERE SCHEMA_NAME ${IN_DATABASES}`;

export interface CatalogRows {
  readonly databases: Row[];
  readonly tables: Row[];
  readonly columns: Row[];
  readonly statistics: Row[];
  readonly foreignKeys: Row[];
  readonly checks: Row[];
  readonly views: Row[];
}

/**
 * The order they are sent in: the biggest result (a row per column) last, so
 * that while this process is busy and the socket's buffers fill up, the
 * server has already done the costlier work of the others.
 */
const ORDER = ["databases", "tables", "statistics", "foreignKeys", "checks", "views", "columns"] as const;

function statementsFor(mariadb: boolean): string[] {
  const sql: Record<keyof CatalogRows, string> = {
    databases: DATABASES,
    tables: TABLES,
    columns: COLUMNS,
    statistics: STATISTICS,
    foreignKeys: FOREIGN_KEYS,
    checks: mariadb ? CHECKS_MARIADB : CHECKS_MYSQL,
    views: VIEWS,
  };
  return ORDER.map((part) => sql[part]);
}

/** The seven statements with the databases written in as literals, for a text of several statements (which takes no parameters). */
export function catalogStatements(databases: readonly string[], mariadb: boolean): string[] {
  const list = `IN (${databases.map(quoteLiteral).join(", ")})`;
  return statementsFor(mariadb).map((sql) => sql.replaceAll(IN_DATABASES, list));
}

/** The seven result sets of catalogStatements (in their order), named. */
export function catalogRows(sets: readonly Row[][]): CatalogRows {
  if (sets.length !== ORDER.length) throw new Error(`the catalog read gave ${sets.length} results, not ${ORDER.length}`);
  return Object.fromEntries(ORDER.map((part, at) => [part, sets[at]!])) as unknown as CatalogRows;
}

/** The seven statements: in one round trip where the executor takes several at once, else one by one (the session runs them in turn). */
export async function readCatalogRows(executor: Executor, databases: readonly string[], mariadb: boolean): Promise<CatalogRows> {
  const resultSets = resultSetsOf(executor);
  if (resultSets !== undefined) return catalogRows(await resultSets(catalogStatements(databases, mariadb)));
  const placeholders = databases.map(() => "?").join(", ");
  const run = async (sql: string): Promise<Row[]> => {
    // the databases once for each list in the statement
    const lists = sql.split(IN_DATABASES).length - 1;
    const statement = sql.replaceAll(IN_DATABASES, `IN (${placeholders})`);
    return (await executor.query(statement, Array.from({ length: lists }, () => databases).flat())).rows;
  };
  return catalogRows(await Promise.all(statementsFor(mariadb).map(run)));
}
