/**
 * Every op kind MySQL has as SQL against a real MariaDB, with names that need
 * quoting everywhere; the catalog is read by the test's own information_schema
 * queries. Then the round trip: undoing the ops one by one with reverse()
 * gives back, after each undo, exactly the catalog seen before that op.
 * The kinds MySQL has no meaning for refuse with a clear error.
 */
import { randomBytes } from "node:crypto";
import type { Connection } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/db/types";
import { mysqlSql } from "../../../src/dialect/mysql/sql-part";
import { mysqlTypes } from "../../../src/dialect/mysql/types-part";
import { isIrreversible, Operations, reverse, type Operation, type OperationSink } from "../../../src/ops";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { catalogSnapshot } from "./catalog-snapshot";

const RUN = randomBytes(3).toString("hex");
/** A second database (schema) with a backquote, a dot and a space in its name. */
const S = `mig ${RUN} s\`ch.x`;
const EMPTY = `mig ${RUN} empty`;
const T = { schema: S, name: "my.Table `x" };
const OWNER = { schema: S, name: "Owner Table" };
const Q_S = `\`${S.replace(/`/g, "``")}\``;
const META = { schema: S, name: "typeorm_metadata" };

/** Every statement the dialect wrote, for the check that its own lexer reads them back whole. */
const written: string[] = [];

async function runOp(connection: Connection, op: Operation): Promise<void> {
  for (const s of mysqlSql.toSql(op)) {
    written.push(mysqlSql.toOfflineSql(s));
    try {
      // as the runtime's executor does: parameters through server-side prepared statements, the rest as text
      if (s.params === undefined) await connection.query(s.sql);
      else await connection.execute(s.sql, s.params as never[]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nin: ${s.sql}`);
    }
  }
}

class LiveSink implements OperationSink {
  readonly ops: Operation[] = [];
  constructor(private readonly connection: Connection) {}
  async run(op: Operation): Promise<void> {
    await runOp(this.connection, op);
    this.ops.push(op);
  }
  async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    const [rows] = await this.connection.query(sql, [...params]);
    return rows as Row[];
  }
}

const PLAIN_DEFINITION = {
  columns: [
    { name: "a", type: "int(11)", nullable: false },
    { name: "b", type: "varchar(50)", comment: "bee" },
    { name: "c", type: "int(11)" },
    { name: "g", type: "point", nullable: false },
  ],
  primaryKey: { name: "PRIMARY", columns: ["a"] },
  uniques: [{ name: "u`q", columns: ["b"] }],
  indexes: [{ name: "sp", keys: ["g"], method: "spatial" }],
  foreignKeys: [{ name: "fk.c", columns: ["c"], references: OWNER, referencedColumns: ["ID"], onUpdate: "CASCADE" as const, onDelete: "RESTRICT" as const }],
  comment: "it's \\ plain",
};

/** One op per step, each with the before-state its reverse needs. */
const steps: Array<(op: Operations) => Promise<void>> = [
  (op) => op.createSchema(S),
  (op) => op.createTable(OWNER, { columns: [{ name: "ID", type: "int(11)", primaryKey: true }], comment: "owners" }),
  (op) =>
    op.createTable(T, {
      columns: [
        { name: "Id", type: "int(11)", identity: "BY DEFAULT", primaryKey: true },
        { name: "e.mail", type: "varchar(255)", nullable: false, collation: "utf8mb4_bin", comment: "it's mail \\ back`slash" },
        { name: "created at", type: "datetime(6)", default: "current_timestamp(6)" },
        { name: "k", type: "int(11)", default: "0" },
        { name: "double it", type: "int(11)", generated: "`k` * 2" },
        { name: "owner", type: "int(11)" },
        { name: "n", type: "int(11)", nullable: false, default: "1" },
        { name: "mood", type: "enum('ok','it''s')", default: "'ok'" },
      ],
      uniques: [{ columns: ["e.mail"] }],
      checks: [{ name: "owner > 0", expression: "`owner` > 0" }],
      foreignKeys: [{ name: "fk owner", columns: ["owner"], references: OWNER, referencedColumns: ["ID"], onDelete: "CASCADE" }],
      indexes: [{ name: "ix a", keys: ["created at", { column: "mood", descending: true }] }],
      comment: "the table",
    }),
  (op) => op.execute(`INSERT INTO ${Q_S}.\`Owner Table\` (\`ID\`) VALUES (?), (?)`, [1, 2]),
  (op) => op.bulkInsert(T, [{ "e.mail": "a@x", owner: 1, mood: "it's" }, { "e.mail": "b'@x\\", owner: null }]),
  (op) => op.addColumn(T, { name: "Phone No", type: "varchar(20)", comment: "phone" }),
  (op) => op.renameColumn(T, "Phone No", "phone.number"),
  (op) => op.alterColumn(T, "phone.number", { type: "varchar(30)", existingType: "varchar(20)", default: "'-'", existingDefault: null, comment: null, existingComment: "phone" }),
  (op) => op.alterColumn(T, "created at", { nullable: false, existingNullable: true }),
  (op) => op.alterColumn(T, "n", { type: "bigint(20)", existingType: "int(11)" }),
  (op) => op.alterColumn(T, "n", { default: "5", existingDefault: "1" }),
  (op) => op.alterColumn(T, "mood", { type: "enum('ok','it''s','new')", existingType: "enum('ok','it''s')" }),
  (op) => op.alterColumn(T, "e.mail", { collation: null, existingCollation: "utf8mb4_bin" }),
  (op) => op.alterColumn(T, "double it", { generated: "`k` * 3", existingGenerated: "`k` * 2" }),
  (op) => op.setColumnComment(T, "owner", "it's the owner \\", { existingComment: null }),
  (op) =>
    op.createTable("Fields", {
      columns: [
        { name: "id", type: "int(10) unsigned zerofill", identity: "BY DEFAULT", primaryKey: true },
        { name: "touched", type: "timestamp(3)", nullable: false, default: "current_timestamp(3)", onUpdate: "current_timestamp(3)" },
        { name: "latin", type: "varchar(10)", charset: "latin1", collation: "latin1_bin" },
        { name: "twice", type: "int(11)", generated: "`id` * 2", generatedStorage: "virtual" },
        { name: "tags", type: "set('a','b')", default: "'a'" },
      ],
      options: { engine: "InnoDB", charset: "utf8mb4", collation: "utf8mb4_bin" },
    }),
  (op) => op.alterColumn("Fields", "touched", { onUpdate: null, existingOnUpdate: "current_timestamp(3)" }),
  (op) => op.alterColumn("Fields", "latin", { charset: null, existingCharset: "latin1", collation: null, existingCollation: "latin1_bin" }),
  (op) => op.alterColumn("Fields", "twice", { generated: "`id` * 3", existingGenerated: "`id` * 2" }),
  (op) => op.alterColumn("Fields", "tags", { type: "set('a','b','c')", existingType: "set('a','b')", onUpdate: undefined }),
  (op) => op.createIndex(T, "Ix b", ["owner", { column: "n", descending: true }]),
  (op) => op.createIndex(T, "ix.hash", ["e.mail"], { ifNotExists: true }),
  (op) => op.dropIndex(T, "ix.hash", { definition: { keys: ["e.mail"] } }),
  (op) => op.createIndex(T, "ft", ["phone.number"], { method: "fulltext" }),
  (op) => op.createTable("Plain", { columns: [{ name: "a", type: "int(11)", nullable: false }, { name: "b", type: "varchar(50)" }, { name: "c", type: "int(11)" }, { name: "g", type: "point", nullable: false }] }),
  (op) => op.createIndex("Plain", "sp", ["g"], { method: "spatial" }),
  (op) => op.createPrimaryKey("Plain", "PRIMARY", ["a"]),
  (op) => op.createUniqueConstraint("Plain", "u`q", ["b"]),
  (op) => op.createForeignKey("Plain", "fk.c", ["c"], OWNER, ["ID"], { onUpdate: "CASCADE", onDelete: "RESTRICT" }),
  (op) => op.createCheckConstraint("Plain", "b ok", "`b` <> 'x'"),
  (op) => op.dropConstraint("Plain", "b ok", { definition: { type: "check", check: { name: "b ok", expression: "`b` <> 'x'" } } }),
  (op) => op.setTableComment("Plain", "it's \\ plain", { existingComment: null }),
  (op) => op.setColumnComment("Plain", "b", "bee", { existingComment: null }),
  (op) => op.createView({ schema: S, name: "V iew" }, `SELECT \`Id\`, \`e.mail\` FROM \`${S.replace(/`/g, "``")}\`.\`my.Table \`\`x\``),
  (op) => op.renameTable("Plain", "Plain.Renamed"),
  (op) => op.renameIndex(T, "Ix b", "ix `b`."),
  (op) => op.renameConstraint(T, "my.Table `x_e.mail_key", "uq mail"),
  // placed (AFTER a name that needs quoting, FIRST): the undo puts each back where it stood
  (op) => op.addColumn(T, { name: "gone", type: "int(11)", nullable: false, default: "7" }, { after: "e.mail" }),
  (op) => op.dropColumn(T, "gone", { existing: { name: "gone", type: "int(11)", nullable: false, default: "7" }, existingPosition: { after: "e.mail" } }),
  (op) => op.addColumn(T, { name: "fir`st", type: "int(11)" }, { first: true }),
  (op) => op.dropColumn(T, "fir`st", { existing: { name: "fir`st", type: "int(11)" }, existingPosition: { first: true } }),
  (op) => op.dropTable("Plain.Renamed", { definition: PLAIN_DEFINITION }),
  (op) => op.insertTypeormMetadata([{ type: "VIEW", schema: S, name: "V iew", value: "SELECT 1" }], { table: META }),
  (op) => op.createSchema(EMPTY, { ifNotExists: true }),
  (op) => op.dropSchema(EMPTY, { ifExists: true }),
];

describe.skipIf(!mariadbUrl())("mysql dialect against MariaDB", () => {
  let connection: Connection;
  let database: string;
  let release: () => void = () => undefined;
  let done: Promise<void> = Promise.resolve();
  const snapshots: string[][] = [];
  const applied: Operation[] = [];
  const schemas = (): string[] => [database, S, EMPTY];

  beforeAll(async () => {
    // one database for the file: the steps build on each other
    await new Promise<void>((ready) => {
      done = withMariaDb(async (db) => {
        connection = db.connection;
        database = db.database;
        ready();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
    });
  });
  afterAll(async () => {
    await connection?.query(`DROP DATABASE IF EXISTS \`${S.replace(/`/g, "``")}\``);
    await connection?.query(`DROP DATABASE IF EXISTS \`${EMPTY}\``);
    release();
    await done;
  });

  it("runs every op kind MySQL has", async () => {
    const sink = new LiveSink(connection);
    const op = new Operations(sink, mysqlTypes);
    snapshots.push(await catalogSnapshot(connection, schemas()));
    for (const step of steps) {
      await step(op);
      snapshots.push(await catalogSnapshot(connection, schemas()));
    }
    applied.push(...sink.ops);
    const final = snapshots[snapshots.length - 1]!;
    const table = `${S} | my.Table \`x`;
    expect(final).toContain(`column ${table} | 1 | Id | int(11) | NO | ∅ | auto_increment | ∅ |  | ∅`);
    expect(final).toContain(`column ${table} | 2 | e.mail | varchar(255) | NO | ∅ |  | utf8mb4_general_ci | it's mail \\ back\`slash | ∅`);
    expect(final).toContain(`column ${table} | 3 | created at | datetime(6) | NO | current_timestamp(6) |  | ∅ |  | ∅`);
    expect(final).toContain(`column ${table} | 5 | double it | int(11) | YES | NULL | STORED GENERATED | ∅ |  | \`k\` * 3`);
    expect(final).toContain(`column ${table} | 6 | owner | int(11) | YES | NULL |  | ∅ | it's the owner \\ | ∅`);
    expect(final).toContain(`column ${table} | 7 | n | bigint(20) | NO | 5 |  | ∅ |  | ∅`);
    expect(final).toContain(`column ${table} | 8 | mood | enum('ok','it''s','new') | YES | 'ok' |  | utf8mb4_general_ci |  | ∅`);
    expect(final).toContain(`column ${table} | 9 | phone.number | varchar(30) | YES | '-' |  | utf8mb4_general_ci |  | ∅`);
    expect(final).toContain(`index ${table} | ix \`b\`. | 1 | 2 | n | D | BTREE`);
    expect(final).toContain(`index ${table} | uq mail | 0 | 1 | e.mail | A | BTREE`);
    expect(final).toContain(`index ${table} | ft | 1 | 1 | phone.number | ∅ | FULLTEXT`);
    // onUpdate not given is NO ACTION, written out: MariaDB would keep an omitted action as RESTRICT
    expect(final).toContain(`fk ${table} | fk owner | NO ACTION | CASCADE`);
    expect(final).toContain(`check ${table} | owner > 0 | \`owner\` > 0`);
    expect(final).toContain(`table ${S} | V iew | VIEW | VIEW`);
    expect(final.filter((l) => l.includes("Plain"))).toEqual([]);
    expect(final).toContain(`column ${database} | Fields | 1 | id | int(10) unsigned zerofill | NO | ∅ | auto_increment | ∅ |  | ∅`);
    expect(final).toContain(`column ${database} | Fields | 2 | touched | timestamp(3) | NO | current_timestamp(3) |  | ∅ |  | ∅`);
    expect(final).toContain(`column ${database} | Fields | 3 | latin | varchar(10) | YES | NULL |  | utf8mb4_bin |  | ∅`);
    expect(final).toContain(`column ${database} | Fields | 4 | twice | int(11) | YES | NULL | VIRTUAL GENERATED | ∅ |  | \`id\` * 3`);
    expect(final).toContain(`column ${database} | Fields | 5 | tags | set('a','b','c') | YES | 'a' |  | utf8mb4_bin |  | ∅`);
    const fieldsMade = snapshots[steps.findIndex((s) => s.toString().includes('"Fields", {')) + 1]!;
    expect(fieldsMade).toContain(`column ${database} | Fields | 2 | touched | timestamp(3) | NO | current_timestamp(3) | on update current_timestamp(3) | ∅ |  | ∅`);
    expect(fieldsMade).toContain(`column ${database} | Fields | 3 | latin | varchar(10) | YES | NULL |  | latin1_bin |  | ∅`);
    // placed columns: right after `e.mail` (the table's second column), and first
    const placed = (name: string): string[] => {
      const at = steps.findIndex((s) => s.toString().includes("addColumn") && s.toString().includes(name));
      expect(at).toBeGreaterThan(0);
      return snapshots[at + 1]!;
    };
    expect(placed("gone")).toContain(`column ${table} | 3 | gone | int(11) | NO | 7 |  | ∅ |  | ∅`);
    expect(placed("fir`st")).toContain(`column ${table} | 1 | fir\`st | int(11) | YES | NULL |  | ∅ |  | ∅`);
    // the step that made Plain's foreign key on an unindexed column: MySQL added an index of its name
    const withFk = snapshots[steps.findIndex((s) => s.toString().includes("createForeignKey")) + 1]!;
    expect(withFk).toContain(`index ${database} | Plain | fk.c | 1 | 1 | c | A | BTREE`);
    expect(withFk).toContain(`table ${database} | Plain | BASE TABLE | `);
    const [rows] = await connection.query(`SELECT \`e.mail\` AS email, mood, owner FROM \`${S.replace(/`/g, "``")}\`.\`my.Table \`\`x\` ORDER BY \`e.mail\``);
    expect(rows).toEqual([
      { email: "a@x", mood: "it's", owner: 1 },
      { email: "b'@x\\", mood: "ok", owner: null },
    ]);
  });

  it("undoing each op with reverse() restores the catalog seen before it", async () => {
    expect(applied.length).toBe(steps.length);
    for (let i = applied.length - 1; i >= 0; i -= 1) {
      const op = applied[i]!;
      const back = reverse(op, mysqlTypes);
      if (isIrreversible(back)) {
        // data ops have no reverse; their rows are taken out by hand so the schema undo can go on
        expect(["execute", "bulkInsert"]).toContain(op.kind);
        await connection.query(op.kind === "bulkInsert" ? `DELETE FROM \`${S.replace(/`/g, "``")}\`.\`my.Table \`\`x\`` : `DELETE FROM ${Q_S}.\`Owner Table\``);
        continue;
      }
      await runOp(connection, back);
      if (op.kind === "insertTypeormMetadata") {
        // its rows are gone; the table stays, as synchronize leaves it (the delete makes it when missing)
        const [left] = await connection.query(`SELECT COUNT(*) AS n FROM ${Q_S}.typeorm_metadata`);
        expect(left).toEqual([{ n: 1 - 1 }]);
        await connection.query(`DROP TABLE ${Q_S}.typeorm_metadata`);
      }
      expect(await catalogSnapshot(connection, schemas()), `after undoing step ${i}: ${op.kind}`).toEqual(snapshots[i]);
    }
    expect(snapshots[0]).toEqual([`schema ${database}`]);
  });

  it("writes statements its own lexer splits back whole, none of them transaction control", () => {
    expect(written.length).toBeGreaterThan(steps.length * 2);
    expect(mysqlSql.splitStatements(written.join(";\n")).statements.map((s) => s.sql)).toEqual(written);
    expect(written.filter((sql) => mysqlSql.findTransactionControl(sql) !== undefined)).toEqual([]);
  });
});
