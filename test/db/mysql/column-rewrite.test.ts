/**
 * MODIFY / CHANGE COLUMN restate a column's whole definition; what an op does
 * not change is copied from the catalog by the server. For columns carrying
 * every attribute MariaDB has, a rename through CHANGE COLUMN (servers before
 * RENAME COLUMN) and a change of one property leave every other attribute as
 * information_schema showed it, under both NO_BACKSLASH_ESCAPES settings.
 */
import type { Connection } from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { mysqlSql, mysqlSqlFor } from "../../../src/dialect/mysql/sql-part";
import type { Operation } from "../../../src/ops";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";

const OLD_SERVER = mysqlSqlFor("10.4.32-MariaDB");
const T = { schema: "public", name: "t" };

async function run(connection: Connection, op: Operation, sql = OLD_SERVER): Promise<void> {
  for (const s of sql.toSql(op)) await connection.query(s.sql, s.params);
}

const COLUMNS = [
  "`id` int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'the \\\\ id'",
  "`touched` timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3)",
  "`s` varchar(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'it''s \\\\' COMMENT 'it''s'",
  "`e` enum('a','b') DEFAULT 'b'",
  "`r` double DEFAULT (rand() + 1)",
  "`v` int(11) GENERATED ALWAYS AS (`id` * 2) VIRTUAL",
  "`hidden` int(11) INVISIBLE DEFAULT 4",
  "`d` datetime DEFAULT NULL",
];

async function describeColumns(connection: Connection): Promise<Record<string, unknown>[]> {
  const [rows] = await connection.query(
    "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_COMMENT, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION",
  );
  return rows as Record<string, unknown>[];
}

describe.skipIf(!mariadbUrl())("MySQL column rewrites on MariaDB", () => {
  it.each(["DEFAULT", "CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')"])("keep every attribute the op does not change (sql_mode = %s)", async (mode) => {
    await withMariaDb(async ({ connection }) => {
      await connection.query(`CREATE TABLE t (${COLUMNS.join(", ")})`);
      await connection.query(`SET SESSION sql_mode = ${mode}`);
      const before = await describeColumns(connection);
      const names = ["id", "touched", "s", "e", "r", "v", "hidden", "d"];
      for (const name of names) {
        await run(connection, { kind: "renameColumn", table: T, column: name, to: `${name} renamed` });
        await run(connection, { kind: "renameColumn", table: T, column: `${name} renamed`, to: name });
      }
      expect(await describeColumns(connection)).toEqual(before);
      await run(connection, { kind: "alterColumn", table: T, column: "s", type: { to: "varchar(30)" } });
      await run(connection, { kind: "alterColumn", table: T, column: "touched", nullable: { to: true } });
      await run(connection, { kind: "setColumnComment", table: T, column: "e", comment: { to: "new \\ one" } });
      const after = await describeColumns(connection);
      expect(after[2]).toEqual({ ...before[2], COLUMN_TYPE: "varchar(30)" });
      expect(after[1]).toEqual({ ...before[1], IS_NULLABLE: "YES" });
      expect(after[3]).toEqual({ ...before[3], COLUMN_COMMENT: "new \\ one" });
      expect([after[0], ...after.slice(4)]).toEqual([before[0], ...before.slice(4)]);
    });
  });

  it("a nullable column set NOT NULL loses the DEFAULT NULL MariaDB prints for it (NOT NULL DEFAULT NULL is an error)", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE t (d datetime NULL, body text CHARACTER SET latin1 NULL COMMENT 'x', s varchar(5) NULL DEFAULT 'NULL')");
      for (const column of ["d", "body", "s"]) await run(connection, { kind: "alterColumn", table: T, column, nullable: { to: false } }, mysqlSql);
      expect((await describeColumns(connection)).map((c) => [c.IS_NULLABLE, c.COLUMN_DEFAULT, c.CHARACTER_SET_NAME, c.COLUMN_COMMENT])).toEqual([
        ["NO", null, null, ""],
        ["NO", null, "latin1", "x"],
        // a string default that reads NULL stays
        ["NO", "'NULL'", "utf8mb4", ""],
      ]);
    });
  });

  it("moves a column into and out of VIRTUAL by dropping and adding it at its place, its index kept", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE t (id int PRIMARY KEY, a int, v bigint AS (a + 1) VIRTUAL COMMENT 'it''s v', s bigint AS (a + 2) STORED, n int, KEY k_v (v))");
      const shape = async (): Promise<string> => String(((await connection.query("SHOW CREATE TABLE t"))[0] as Record<string, string>[])[0]!["Create Table"]);
      const before = await shape();
      const change = async (column: string, from: "virtual" | "stored" | null, to: "virtual" | "stored" | null, generated?: { from: string | null; to: string | null }): Promise<void> =>
        run(connection, { kind: "alterColumn", table: T, column, generatedStorage: { from, to }, ...(generated ? { generated } : {}) }, mysqlSql);
      await change("v", "virtual", "stored");
      await change("s", "stored", "virtual");
      expect(await shape()).toBe(before.replace("(`a` + 1) VIRTUAL", "(`a` + 1) STORED").replace("(`a` + 2) STORED", "(`a` + 2) VIRTUAL"));
      await change("v", "stored", "virtual");
      await change("s", "virtual", "stored");
      expect(await shape()).toBe(before);
      await change("n", null, "virtual", { from: null, to: "`a` * 2" });
      await change("n", "virtual", null, { from: "`a` * 2", to: null });
      expect(await shape()).toBe(before);
    });
  });

  it("a column leaving json takes the table's collation, not json's utf8mb4_bin", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE t (j json, k json)");
      await run(connection, { kind: "alterColumn", table: T, column: "j", type: { from: "json", to: "varchar(63)" } }, mysqlSql);
      await run(connection, { kind: "alterColumn", table: T, column: "k", type: { from: "json", to: "varchar(63)" }, collation: { from: null, to: "utf8mb4_bin" } }, mysqlSql);
      expect((await describeColumns(connection)).map((c) => [c.COLUMN_TYPE, c.COLLATION_NAME])).toEqual([
        ["varchar(63)", "utf8mb4_general_ci"],
        ["varchar(63)", "utf8mb4_bin"],
      ]);
    });
  });

  it("a json column stays json through a rewrite, and leaves json's utf8mb4_bin behind when it changes type", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE t (j json NOT NULL, k json, b longtext COLLATE utf8mb4_bin)");
      const shape = async (): Promise<string> => String(((await connection.query("SHOW CREATE TABLE t"))[0] as Record<string, string>[])[0]!["Create Table"]);
      const before = await shape();
      await run(connection, { kind: "alterColumn", table: T, column: "j", nullable: { to: true } }, mysqlSql);
      await run(connection, { kind: "alterColumn", table: T, column: "j", nullable: { to: false } }, mysqlSql);
      await run(connection, { kind: "setColumnComment", table: T, column: "k", comment: { to: "c" } }, mysqlSql);
      await run(connection, { kind: "setColumnComment", table: T, column: "k", comment: { to: null } }, mysqlSql);
      expect(await shape()).toBe(before);
      // as a revision file states it: the type it leaves unknown
      await run(connection, { kind: "alterColumn", table: T, column: "k", type: { to: "varchar(63)" } }, mysqlSql);
      await run(connection, { kind: "alterColumn", table: T, column: "b", type: { to: "mediumtext" } }, mysqlSql);
      expect((await describeColumns(connection)).slice(1).map((c) => [c.COLUMN_TYPE, c.COLLATION_NAME])).toEqual([
        ["varchar(63)", "utf8mb4_general_ci"],
        ["mediumtext", "utf8mb4_bin"],
      ]);
    });
  });

  it("a default set or dropped keeps the column's ON UPDATE (MariaDB's own SET / DROP DEFAULT would drop it), and is instant without one", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE t (a datetime(1) NULL DEFAULT current_timestamp(1) ON UPDATE current_timestamp(1), b datetime(1) NULL ON UPDATE current_timestamp(1), c int NULL DEFAULT 5)");
      const sent: string[] = [];
      const alter = async (column: string, to: string | null): Promise<void> => {
        for (const s of mysqlSql.toSql({ kind: "alterColumn", table: T, column, default: { to } })) {
          await connection.query(s.sql, s.params);
          if (s.sql.startsWith("SET @migrator_ddl")) sent.push(String(((await connection.query("SELECT @migrator_ddl AS d"))[0] as { d: unknown }[])[0]!.d));
        }
      };
      await alter("a", null);
      await alter("b", "'2020-01-01 00:00:00.0'");
      await alter("c", null);
      expect((await describeColumns(connection)).map((c) => [c.COLUMN_DEFAULT, c.EXTRA])).toEqual([
        ["NULL", "on update current_timestamp(1)"],
        ["'2020-01-01 00:00:00.0'", "on update current_timestamp(1)"],
        ["NULL", ""],
      ]);
      expect(sent[2]).toBe("ALTER TABLE `t` ALTER COLUMN `c` DROP DEFAULT, ALGORITHM=INSTANT");
    });
  });

  it("leaves to the server what only the catalog knows: a non-empty database, a constraint that is no index", async () => {
    await withMariaDb(async ({ connection, database }) => {
      const other = `${database}_x`;
      await connection.query(`CREATE DATABASE \`${other}\``);
      try {
        await connection.query(`CREATE TABLE \`${other}\`.t (a int)`);
        await expect(run(connection, { kind: "dropSchema", schema: other })).rejects.toThrow(/Unknown column .database .* is not empty/);
        await connection.query(`DROP TABLE \`${other}\`.t`);
        await run(connection, { kind: "dropSchema", schema: other });
        const [left] = await connection.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [other]);
        expect(left).toEqual([]);
      } finally {
        await connection.query(`DROP DATABASE IF EXISTS \`${other}\``);
      }
      await connection.query("CREATE TABLE p (id int PRIMARY KEY)");
      await connection.query("CREATE TABLE t (a int, b int, UNIQUE KEY u (b), CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id))");
      await run(connection, { kind: "renameConstraint", table: T, name: "u", to: "u2" }, mysqlSql);
      await expect(run(connection, { kind: "renameConstraint", table: T, name: "ck", to: "ck2" }, mysqlSql)).rejects.toThrow(/cannot rename ck: drop it, add it renamed/);
      await expect(run(connection, { kind: "renameConstraint", table: T, name: "fk", to: "fk2" }, mysqlSql)).rejects.toThrow(/cannot rename fk: drop it, add it renamed/);
      const [indexes] = await connection.query("SELECT DISTINCT INDEX_NAME AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' ORDER BY 1");
      expect(indexes).toEqual([{ i: "fk" }, { i: "u2" }]);
    });
  });

  it("lets the server name a column that is not there", async () => {
    await withMariaDb(async ({ connection }) => {
      await connection.query("CREATE TABLE t (a int)");
      await expect(run(connection, { kind: "renameColumn", table: T, column: "nope", to: "b" })).rejects.toThrow(/Unknown column 'nope'/);
    });
  });
});
