/**
 * The MySQL dialect's text handling without a server: statement splitting
 * by MySQL's lexer rules, offline `?` inlining, transaction-control
 * detection, and the ops it refuses. (Quoting and SQL against MariaDB:
 * test/db/mysql.)
 */
import { describe, expect, it } from "vitest";
import { MigratorError } from "../../../src/errors";
import { quoteIdent, quoteLiteral } from "../../../src/dialect/mysql/quote";
import { mysqlSql, mysqlSqlFor } from "../../../src/dialect/mysql/sql-part";
import { parseServerVersion } from "../../../src/dialect/mysql/sql/server";
import { mysqlTypes } from "../../../src/dialect/mysql/types-part";
import { mysqlLint } from "../../../src/dialect/mysql/lint-part";
import { Operations, RecordingSink, type Operation } from "../../../src/ops";

const split = (sql: string): string[] => mysqlSql.splitStatements(sql).statements.map((s) => s.sql);

describe("MySQL statement splitting", () => {
  it("ends statements only at semicolons outside strings, names and comments", () => {
    const script = [
      "SELECT 'a;b', \"c;d\", `e;f`;",
      "SELECT 'it''s;', 'back\\';slash';",
      "# a comment; with a semicolon",
      "SELECT 1 -- comment; here",
      ";",
      "SELECT 2--1;",
      "SELECT /* ; */ 3;",
      "/*!40101 SET @x = 1 */;",
      "",
    ].join("\n");
    expect(split(script)).toEqual([
      "SELECT 'a;b', \"c;d\", `e;f`",
      "SELECT 'it''s;', 'back\\';slash'",
      "SELECT 1",
      "SELECT 2--1",
      "SELECT /* ; */ 3",
      "/*!40101 SET @x = 1 */",
    ]);
  });

  it("keeps compound statement bodies whole", () => {
    const procedure = [
      "CREATE PROCEDURE p(x int) BEGIN",
      "  DECLARE y int DEFAULT 0;",
      "  IF x > 0 THEN SET y = 1; ELSE SET y = 2; END IF;",
      "  CASE y WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE;",
      "  SET y = CASE WHEN x THEN 1 ELSE 2 END;",
      "  lbl: LOOP LEAVE lbl; END LOOP lbl;",
      "  BEGIN SELECT y; END;",
      "END",
    ].join("\n");
    const anonymous = "BEGIN NOT ATOMIC DECLARE z int; SET z = 1; END";
    expect(split(`${procedure};\nBEGIN;\nSELECT 1;\nCOMMIT;\n${anonymous};\nSELECT 3`)).toEqual([procedure, "BEGIN", "SELECT 1", "COMMIT", anonymous, "SELECT 3"]);
  });

  it("gives back every statement of scripts built from hostile literals and names (seeded property)", () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const chars = ["'", "\\", '"', "`", ";", "#", "-- ", "/*", "*/", "a", " ", "\n", "?"];
    const text = (): string => Array.from({ length: next(10) }, () => chars[next(chars.length)]).join("");
    for (let round = 0; round < 200; round += 1) {
      const statements = Array.from({ length: 1 + next(4) }, () => `SELECT ${quoteLiteral(text().replace(/\\/g, ""))} AS ${quoteIdent(`c${text().replace(/\s+$/, "")}`)}`);
      expect(split(statements.join(";\n"))).toEqual(statements);
    }
  });

  it("reports what is left open", () => {
    expect(mysqlSql.splitStatements("SELECT 1; SELECT 'open").unterminated).toEqual({ what: "quoted string", at: 17 });
    expect(mysqlSql.splitStatements("SELECT `open").unterminated).toEqual({ what: "quoted identifier", at: 7 });
    expect(mysqlSql.splitStatements("SELECT 1 /* open").unterminated).toEqual({ what: "block comment", at: 9 });
  });
});

describe("MySQL offline SQL", () => {
  it("inlines ? in order, leaving ? in strings, names and comments", () => {
    const sql = "INSERT INTO `t?` (a, b) VALUES (?, '?') /* ? */ # ?\n, (?, ?)";
    expect(mysqlSql.toOfflineSql({ sql, params: ["x'\\", -1, null] })).toBe("INSERT INTO `t?` (a, b) VALUES (_utf8mb4 X'78275c', '?') /* ? */ # ?\n, ((-1), NULL)");
  });

  it("refuses a parameter count that does not match", () => {
    expect(() => mysqlSql.toOfflineSql({ sql: "SELECT ?, ?", params: [1] })).toThrow(MigratorError);
    expect(() => mysqlSql.toOfflineSql({ sql: "SELECT ?", params: [1, 2] })).toThrow(/1 \? placeholder\(s\) but 2/);
  });
});

describe("MySQL transaction control", () => {
  it.each([
    ["START TRANSACTION", "START TRANSACTION"],
    ["begin work", "BEGIN"],
    ["SELECT 1; COMMIT", "COMMIT"],
    ["ROLLBACK TO SAVEPOINT s", "ROLLBACK"],
    ["SET autocommit = 0", "SET AUTOCOMMIT"],
    ["SET @@session.autocommit=1", "SET AUTOCOMMIT"],
    ["/* x */ SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET SESSION TRANSACTION"],
    ["LOCK TABLES t WRITE", "LOCK TABLES"],
    ["XA START 'x'", "XA"],
  ])("finds %s", (sql, found) => {
    expect(mysqlSql.findTransactionControl(sql)).toBe(found);
  });

  it.each(["SELECT 'COMMIT'", "-- COMMIT\nSELECT 1", "BEGIN NOT ATOMIC SELECT 1; END", "CREATE PROCEDURE p() BEGIN SELECT 1; END", "SET @commit = 1", "SELECT `begin`"])(
    "finds none in %s",
    (sql) => {
      expect(mysqlSql.findTransactionControl(sql)).toBeUndefined();
    },
  );
});

async function opsOf(build: (op: Operations) => Promise<void>): Promise<Operation[]> {
  const sink = new RecordingSink();
  await build(new Operations(sink, mysqlTypes));
  return sink.ops;
}

describe("MySQL SQL of ops", () => {
  it.each<[string, (op: Operations) => Promise<void>]>([
    ["enum types", (op) => op.createEnum("mood", ["a"])],
    ["enum types", (op) => op.addEnumValue("mood", "b")],
    ["extensions", (op) => op.createExtension("uuid-ossp")],
    ["sequences", (op) => op.renameSequence("s", "t")],
    ["exclusion constraints", (op) => op.createExclusionConstraint("t", "x", "USING gist (r WITH &&)")],
    ["deferrable constraints", (op) => op.createForeignKey("t", "fk", ["a"], "u", ["b"], { deferrable: true })],
    ["partial indexes", (op) => op.createIndex("t", "i", ["a"], { where: "a > 0" })],
    ["index method gin", (op) => op.createIndex("t", "i", ["a"], { method: "gin" })],
    ["materialized views", (op) => op.createView("v", "SELECT 1", { materialized: true })],
    ["USING clause", (op) => op.alterColumn("t", "a", { type: "int", using: "a::int" })],
    ["identity GENERATED ALWAYS", (op) => op.addColumn("t", { name: "a", type: "int", identity: "ALWAYS" })],
    ["way to reference the current database", (op) => op.createForeignKey({ schema: "other", name: "t" }, "fk", ["a"], "u", ["b"])],
  ])("refuses %s with a clear error", async (what, build) => {
    const [op] = await opsOf(build);
    expect(() => mysqlSql.toSql(op!)).toThrow(new RegExp(`MySQL and MariaDB have no ${what}`));
  });

  it("writes the default schema unqualified and others as databases", async () => {
    const ops = await opsOf(async (op) => {
      await op.renameTable("a", "b");
      await op.renameTable({ schema: "db`x", name: "a" }, "b");
      await op.createSchema("db`x", { ifNotExists: true });
    });
    expect(ops.flatMap((o) => mysqlSql.toSql(o)).map((s) => s.sql)).toEqual(["RENAME TABLE `a` TO `b`", "RENAME TABLE `db``x`.`a` TO `db``x`.`b`", "CREATE DATABASE IF NOT EXISTS `db``x`"]);
  });

  it("renames a column with RENAME COLUMN where the server has it and CHANGE COLUMN from the catalog before", async () => {
    const [op] = await opsOf((o) => o.renameColumn("t", "a", "b"));
    expect(mysqlSql.toSql(op!).map((s) => s.sql)).toEqual(["ALTER TABLE `t` RENAME COLUMN `a` TO `b`"]);
    expect(mysqlSqlFor("8.0.36").toSql(op!).map((s) => s.sql)).toEqual(["ALTER TABLE `t` RENAME COLUMN `a` TO `b`"]);
    expect(mysqlSql.forServer?.("10.4.32-MariaDB").toSql(op!)[1]?.sql).toContain("CHANGE COLUMN");
    const old = mysqlSqlFor("5.5.5-10.4.32-MariaDB").toSql(op!).map((s) => s.sql);
    expect(old[0]).toMatch(/^SET @migrator_sql_mode = @@SESSION.sql_mode/);
    expect(old[1]).toContain("CHANGE COLUMN `a` `b`");
    expect(old.slice(2)).toEqual(["PREPARE migrator_ddl FROM @migrator_ddl", "EXECUTE migrator_ddl", "DEALLOCATE PREPARE migrator_ddl", "SET SESSION sql_mode = @migrator_sql_mode"]);
    expect(() => mysqlSqlFor("10.4.32-MariaDB").toSql({ kind: "renameIndex", table: { schema: "public", name: "t" }, name: "a", to: "b" })).toThrow(/RENAME INDEX before MariaDB 10.5.2/);
  });

  it("asserts online forms only where every server runs them so", async () => {
    const ops = await opsOf(async (op) => {
      await op.createIndex("t", "i", ["a"]);
      await op.createIndex("t", "f", ["b"], { method: "fulltext" });
      await op.alterColumn("t", "a", { default: "1" });
      await op.addColumn("t", { name: "c", type: "int" });
    });
    const sql = ops.map((o) => mysqlSql.toSql(o).map((s) => s.sql).join("\n"));
    expect([sql[0], sql[1], sql[3]]).toEqual([
      "ALTER TABLE `t` ADD INDEX `i` (`a`), ALGORITHM=INPLACE, LOCK=NONE",
      "ALTER TABLE `t` ADD FULLTEXT INDEX `f` (`b`)",
      "ALTER TABLE `t` ADD COLUMN `c` int NULL",
    ]);
    // instantly where the column has no ON UPDATE (MariaDB's SET DEFAULT would drop that clause), decided when it runs
    expect(sql[2]).toContain("IF(EXTRA LIKE '%on update%', ");
    expect(sql[2]).toContain("'ALTER TABLE `t` ALTER COLUMN `a` SET DEFAULT 1, ALGORITHM=INSTANT')");
  });

  it("reads server versions", () => {
    expect(parseServerVersion("10.11.19-MariaDB-0+deb12u1")).toEqual({ flavor: "mariadb", version: [10, 11, 19] });
    expect(parseServerVersion("5.5.5-10.4.32-MariaDB")).toEqual({ flavor: "mariadb", version: [10, 4, 32] });
    expect(parseServerVersion("8.0.36-0ubuntu0.22.04.1")).toEqual({ flavor: "mysql", version: [8, 0, 36] });
  });
});

describe("MySQL lint part", () => {
  it("reads SQL as statements on their lines, transaction control and unclosed text marked", async () => {
    const statements = await mysqlLint.sql("SELECT 1;\n# note\nSTART TRANSACTION;\nUPDATE t SET a = 'x;\n", { line: 1 }, 10);
    expect(statements).toEqual([
      { at: { line: 10 }, text: "SELECT 1", actions: [] },
      { at: { line: 12 }, text: "START TRANSACTION", actions: [{ kind: "transactionControl", statement: "START TRANSACTION" }] },
      { at: { line: 13 }, text: "UPDATE t SET a = 'x;", actions: [] },
      { at: { line: 13 }, text: "'x;", actions: [{ kind: "unparsable", message: "quoted string opened here is never closed" }] },
    ]);
  });

  it("reads ops as what they do, claiming no lock", async () => {
    const ops = await opsOf(async (op) => {
      await op.createIndex("t", "i", ["a"]);
      await op.addColumn("t", { name: "c", type: "int", default: "0", nullable: false });
      await op.execute("COMMIT");
    });
    const read = await Promise.all(ops.map((o, i) => mysqlLint.operation(o, { op: i })));
    expect(read.map((statements) => statements.flatMap((s) => s.actions))).toEqual([
      [{ kind: "createIndex", table: { schema: "public", name: "t" }, name: "i", concurrently: true }],
      [{ kind: "addColumn", table: { schema: "public", name: "t" }, column: "c", fill: "constant" }],
      [{ kind: "transactionControl", statement: "COMMIT" }],
    ]);
    expect(mysqlLint.rules).toEqual([]);
  });
});
