/**
 * MySQL quoting against the real server: hostile text written by
 * quoteLiteral / renderLiteral reads back as the same value whether
 * NO_BACKSLASH_ESCAPES is off or on, hostile names come back from the catalog
 * as written, and comments with backslashes (written with the sql_mode
 * switched for one statement, or assembled by the server from its catalog)
 * are stored exactly under both modes, the session's mode put back after.
 */
import type { Connection } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qualified, quoteIdent, quoteLiteral, renderLiteral } from "../../../src/dialect/mysql/quote";
import { mysqlSql } from "../../../src/dialect/mysql/sql-part";
import { mysqlTypes } from "../../../src/dialect/mysql/types-part";
import { Operations, type Operation, type OperationSink } from "../../../src/ops";
import type { Row } from "../../../src/db/types";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";

const HOSTILE = ["it's", "a\\b", "\\'", "\\", "'; DROP TABLE x; --", "x\u0000y", "é😀", "line\nbreak\r\ttab", "%_", "''", "\\\\'", '"\\"', "`", "\\0\\n\\Z", ""];

/** Strings drawn from the characters that matter to a lexer, from a fixed seed (a property over many values, repeatable). */
function randomStrings(count: number): string[] {
  const alphabet = ["'", "\\", '"', "`", "\u0000", "\n", "%", "_", "a", " ", "é", "😀", "-", "#", "/*", "?", ";"];
  let seed = 15;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  return Array.from({ length: count }, () => Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join(""));
}

const MODES = [
  { name: "default sql_mode", set: "SET SESSION sql_mode = DEFAULT" },
  { name: "NO_BACKSLASH_ESCAPES", set: "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')" },
];

async function runOp(connection: Connection, op: Operation): Promise<void> {
  for (const s of mysqlSql.toSql(op)) await connection.query(s.sql, s.params);
}

describe.skipIf(!mariadbUrl())("MySQL quoting on MariaDB", () => {
  let connection: Connection;
  let release: () => void = () => undefined;
  let done: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    await new Promise<void>((ready) => {
      done = withMariaDb(async (db) => {
        connection = db.connection;
        ready();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
    });
  });
  afterAll(async () => {
    release();
    await done;
  });

  it.each(MODES)("literals read back as the same text under $name", async (mode) => {
    await connection.query(mode.set);
    const values = [...HOSTILE, ...randomStrings(300)];
    const [rows] = await connection.query({ sql: `SELECT ${values.map((v, i) => `${quoteLiteral(v)} AS c${i}`).join(", ")}`, rowsAsArray: true });
    const read = (rows as unknown[][])[0]!.map((v) => (Buffer.isBuffer(v) ? v.toString("utf8") : v));
    expect(read).toEqual(values);
    await connection.query(MODES[0]!.set);
  });

  it.each(MODES)("offline values insert what the bound values insert under $name", async (mode) => {
    await connection.query(mode.set);
    await connection.query("CREATE TABLE lit (t text, n decimal(20,6), i bigint, b tinyint(1), d datetime(3), y varbinary(10), j json, nul int)");
    const values = ["it's \\ ? -- x", -12.5, -9007199254740991n, true, new Date("2024-02-03T04:05:06.789Z"), Buffer.from([0, 39, 92, 255]), { k: "v'\\", n: [1, 2] }, null];
    const offline = mysqlSql.toOfflineSql({ sql: "INSERT INTO lit VALUES (?, ?, ?, ?, ?, ?, ?, ?)", params: values });
    await connection.query(offline);
    await connection.query("SET time_zone = '+00:00'");
    await connection.execute("INSERT INTO lit VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values.map((v) => (typeof v === "bigint" ? String(v) : v instanceof Date || Buffer.isBuffer(v) || v === null || typeof v !== "object" ? v : JSON.stringify(v))));
    const [rows] = await connection.query("SELECT t, n, i, b, CAST(d AS char) AS d, HEX(y) AS y, j, nul FROM lit");
    const [offlineRow, boundRow] = rows as Row[];
    expect(offlineRow).toEqual(boundRow);
    expect(offlineRow).toMatchObject({ t: "it's \\ ? -- x", i: -9007199254740991, b: 1, d: "2024-02-03 04:05:06.789", y: "00275CFF" });
    await connection.query("DROP TABLE lit");
    await connection.query("SET time_zone = DEFAULT");
    await connection.query(MODES[0]!.set);
  });

  it("names come back from the catalog as written, and names MySQL would not keep are refused", async () => {
    const names = ["a`b", 'q"uote', "dot.ted", "sp ace", "select", "é😀".slice(0, 1), "x".repeat(64), "'; --", "\\"];
    const table = { schema: "public", name: "t`\\ 'x" };
    await connection.query(`CREATE TABLE ${qualified(table)} (${names.map((n) => `${quoteIdent(n)} int`).join(", ")})`);
    const [rows] = await connection.query("SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY ORDINAL_POSITION");
    expect(rows).toEqual(names.map((c) => ({ t: table.name, c })));
    await connection.query(`DROP TABLE ${qualified(table)}`);
    expect(() => quoteIdent("x".repeat(65))).toThrow(/65 characters long; MySQL and MariaDB refuse identifiers over 64/);
    expect(() => quoteIdent("a\u0000b")).toThrow(/NUL/);
    expect(() => quoteIdent("trailing ")).toThrow(/ends with a space/);
    expect(() => quoteIdent("😀")).toThrow(/beyond U\+FFFF/);
    expect(() => quoteIdent("")).toThrow(/empty/);
  });

  it.each(MODES)("comments with backslashes are stored exactly under $name, the session's mode kept", async (mode) => {
    await connection.query(mode.set);
    const [[before]] = (await connection.query("SELECT @@SESSION.sql_mode AS m")) as unknown as [[{ m: string }]];
    const sink: OperationSink = {
      run: (op) => runOp(connection, op),
      query: async (sql: string, params: readonly unknown[]) => (await connection.query(sql, [...params]))[0] as Row[],
    };
    const op = new Operations(sink, mysqlTypes);
    const comment = "it's \\ a \\' b \\\\";
    await op.createTable("c", { columns: [{ name: "a", type: "int(11)", comment }, { name: "b", type: "int(11)", nullable: false, default: "3" }], comment });
    await op.setColumnComment("c", "b", `${comment} b`);
    await op.addColumn("c", { name: "z", type: "varchar(3)", comment: `${comment} z` });
    const [rows] = await connection.query(
      "SELECT COLUMN_NAME AS c, COLUMN_COMMENT AS comment, IS_NULLABLE AS n, COLUMN_DEFAULT AS d FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c' ORDER BY ORDINAL_POSITION",
    );
    expect(rows).toEqual([
      { c: "a", comment, n: "YES", d: "NULL" },
      { c: "b", comment: `${comment} b`, n: "NO", d: "3" },
      { c: "z", comment: `${comment} z`, n: "YES", d: "NULL" },
    ]);
    const [[table]] = (await connection.query("SELECT TABLE_COMMENT AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c'")) as unknown as [[{ t: string }]];
    expect(table.t).toBe(comment);
    const [[after]] = (await connection.query("SELECT @@SESSION.sql_mode AS m")) as unknown as [[{ m: string }]];
    expect(after.m).toBe(before.m);
    await connection.query("DROP TABLE c");
    await connection.query(MODES[0]!.set);
  });
});
