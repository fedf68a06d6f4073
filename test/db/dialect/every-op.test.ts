/**
 * Every op kind's SQL against a real PostgreSQL, with names that need quoting
 * everywhere. Then the round trip: undoing the ops one by one with reverse()
 * must give back, after each undo, exactly the catalog seen before that op.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toOfflineSql, toSql } from "../../../src/dialect/postgres";
import type { Row } from "../../../src/db/types";
import { isIrreversible, Operations, reverse, type Operation, type OperationSink } from "../../../src/ops";
import { backends, type SqlSession } from "./backends";
import { snapshot } from "./snapshot";
import { postgres } from "../../../src/dialect";

const S = 'Sch"ema.x';
const T = { schema: S, name: "my.Table x" };
const OWNER = { schema: S, name: "Owner Table" };
const E = { schema: S, name: "Mood Type" };
const SCHEMAS = [S, "public"];

async function runOp(client: SqlSession, op: Operation): Promise<void> {
  for (const s of toSql(op)) {
    try {
      await client.query(s.sql, s.params);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nin: ${s.sql}`);
    }
  }
}

class LiveSink implements OperationSink {
  readonly ops: Operation[] = [];
  constructor(private readonly client: SqlSession) {}
  async run(op: Operation): Promise<void> {
    await runOp(this.client, op);
    this.ops.push(op);
  }
  async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    return this.client.query(sql, params);
  }
}

/** One op per step, each with the before-state its reverse needs. */
const steps: Array<(op: Operations) => Promise<void>> = [
  (op) => op.createSchema(S),
  (op) => op.createExtension("uuid-ossp", { schema: S }),
  (op) => op.createEnum(E, ["ok", "it's"]),
  (op) => op.createTable(OWNER, { columns: [{ name: "ID", type: "integer", primaryKey: true }], comment: "owners" }),
  (op) =>
    op.createTable(T, {
      columns: [
        { name: "Id", type: "integer", identity: "ALWAYS", primaryKey: true },
        { name: "seq", type: "bigint", serial: true },
        { name: "e.mail", type: "character varying(255)", nullable: false, collation: "C", comment: "it's mail" },
        { name: "created at", type: "timestamp with time zone", default: "now()" },
        { name: "double it", type: "integer", generated: '"Id" * 2' },
        { name: "owner", type: "integer" },
        { name: "mood", type: `"${S.replace(/"/g, '""')}"."Mood Type"`, default: `'ok'::"${S.replace(/"/g, '""')}"."Mood Type"` },
        { name: "moods", type: `"${S.replace(/"/g, '""')}"."Mood Type"[]` },
        { name: "during", type: "tstzrange" },
      ],
      uniques: [{ columns: ["e.mail"], initiallyDeferred: true }],
      checks: [{ name: "owner > 0", expression: '"owner" > 0' }],
      foreignKeys: [{ columns: ["owner"], references: OWNER, referencedColumns: ["ID"], onDelete: "CASCADE" }],
      exclusions: [{ name: "no overlap", definition: 'USING gist ("during" WITH &&)' }],
      indexes: [
        { name: "ix a", keys: ["created at", { expression: 'lower(("e.mail")::text)', descending: true, nullsFirst: false }], where: '"owner" IS NOT NULL', include: ["seq"] },
      ],
      comment: "the table",
    }),
  (op) => op.addEnumValue(E, "meh", { before: "ok", existingValues: ["ok", "it's"], usages: [{ table: T, column: "mood", default: `'ok'::"${S.replace(/"/g, '""')}"."Mood Type"` }, { table: T, column: "moods", array: true }] }),
  (op) => op.renameEnumValue(E, "meh", "m'eh"),
  (op) => op.execute(`INSERT INTO "${S.replace(/"/g, '""')}"."Owner Table" ("ID") VALUES ($1), ($2)`, [1, 2]),
  (op) => op.bulkInsert(T, [{ "e.mail": "a@x", owner: 1, mood: "it's", moods: ["ok", "m'eh"] }, { "e.mail": "b'@x", owner: null }]),
  (op) => op.recreateEnum(E, ["ok", "it's", "m'eh", "new"], { existingValues: ["m'eh", "ok", "it's"], usages: [{ table: T, column: "mood", default: `'ok'::"${S.replace(/"/g, '""')}"."Mood Type"` }, { table: T, column: "moods", array: true }] }),
  (op) => op.addColumn(T, { name: "Phone No", type: "varchar(20)", comment: "phone" }),
  (op) => op.renameColumn(T, "Phone No", "phone.number"),
  (op) => op.alterColumn(T, "phone.number", { type: "varchar(30)", existingType: "character varying(20)", default: "'-'", existingDefault: null, comment: null, existingComment: "phone" }),
  (op) => op.alterColumn(T, "created at", { nullable: false, existingNullable: true }),
  (op) => op.alterColumn(T, "owner", { type: "bigint", using: '"owner"::bigint', reverseUsing: '"owner"::integer', existingType: "integer" }),
  (op) => op.alterColumn(T, "seq", { collation: undefined, type: "bigint", existingType: "bigint", nullable: true, existingNullable: false }),
  (op) => op.alterColumn(T, "e.mail", { collation: null, existingCollation: "C", existingType: "character varying(255)" }),
  (op) => op.alterColumn(T, "Id", { identity: "BY DEFAULT", existingIdentity: "ALWAYS" }),
  // a position (MySQL's FIRST) is ignored: PostgreSQL adds the column last, and the revision runs unchanged
  (op) => op.addColumn(T, { name: "n", type: "integer", nullable: false, default: "1" }, { first: true }),
  (op) => op.alterColumn(T, "n", { default: null, existingDefault: "1", identity: "ALWAYS", existingIdentity: null }),
  (op) => op.alterColumn(T, "double it", { generated: '"Id" * 3', existingGenerated: '"Id" * 2' }),
  (op) => op.alterColumn(T, "double it", { generated: '"Id" * 4', existingGenerated: '("Id" * 3)', type: "bigint", existingType: "integer" }),
  (op) => op.alterColumn(T, "double it", { generated: null, existingGenerated: '("Id" * 4)' }),
  (op) => op.createIndex(T, "Ix Concurrent", ["owner", { column: "seq", descending: true, nullsFirst: true }], { concurrently: true, unique: false }),
  (op) => op.createIndex(T, "ix.hash", ["e.mail"], { method: "hash", ifNotExists: true }),
  (op) => op.dropIndex(T, "ix.hash", { definition: { keys: ["e.mail"], method: "hash" } }),
  (op) => op.createTable({ schema: "public", name: "Plain" }, { columns: [{ name: "a", type: "integer", nullable: false }, { name: "b", type: "text" }, { name: "r", type: "int4range" }] }),
  (op) => op.createPrimaryKey("Plain", "Plain PK", ["a"]),
  (op) => op.createUniqueConstraint("Plain", 'u"q', ["b"], { deferrable: true }),
  (op) => op.createForeignKey("Plain", "fk.owner", ["a"], OWNER, ["ID"], { onUpdate: "CASCADE", onDelete: "SET NULL", deferrable: true, initiallyDeferred: true }),
  (op) => op.createCheckConstraint("Plain", "b ok", "b <> 'x'"),
  (op) => op.createExclusionConstraint("Plain", "ex r", "USING gist (r WITH &&)"),
  (op) => op.dropConstraint("Plain", "b ok", { definition: { type: "check", check: { name: "b ok", expression: "b <> 'x'" } } }),
  (op) => op.setTableComment("Plain", "it's plain", { existingComment: null }),
  (op) => op.setColumnComment("Plain", "b", "bee", { existingComment: null }),
  (op) => op.createView({ schema: S, name: "V iew" }, `SELECT "Id", "e.mail" FROM "Sch""ema.x"."my.Table x"`),
  (op) => op.createView("Mat View", `SELECT "Id" FROM "Sch""ema.x"."my.Table x"`, { materialized: true, indexes: [{ name: "mat id", keys: ["Id"], unique: true }] }),
  (op) => op.dropView("Mat View", { materialized: true, definition: `SELECT "Id" FROM "Sch""ema.x"."my.Table x"`, indexes: [{ name: "mat id", keys: ["Id"], unique: true }] }),
  (op) => op.renameTable("Plain", "Plain.Renamed"),
  (op) => op.dropColumn(T, "n", { existing: { name: "n", type: "integer", identity: "ALWAYS" } }),
  (op) =>
    op.dropTable("Plain.Renamed", {
      definition: {
        columns: [{ name: "a", type: "integer", nullable: false }, { name: "b", type: "text", comment: "bee" }, { name: "r", type: "int4range" }],
        primaryKey: { name: "Plain PK", columns: ["a"] },
        uniques: [{ name: 'u"q', columns: ["b"], deferrable: true }],
        foreignKeys: [{ name: "fk.owner", columns: ["a"], references: OWNER, referencedColumns: ["ID"], onUpdate: "CASCADE", onDelete: "SET NULL", initiallyDeferred: true }],
        exclusions: [{ name: "ex r", definition: "USING gist (r WITH &&)" }],
        comment: "it's plain",
      },
    }),
  (op) => op.renameConstraint(T, "my.Table x_owner_fkey", 'fk "owner"'),
  (op) => op.createIndex(T, "ix b", ["owner"]),
  (op) => op.renameIndex(T, "ix b", 'ix "b".'),
  (op) => op.renameSequence({ schema: S, name: "my.Table x_seq_seq" }, "seq.Renamed"),
  (op) => op.createSchema("Empty One", { ifNotExists: true }),
  (op) => op.dropSchema("Empty One", { ifExists: true }),
  (op) => op.createEnum("tmp enum", ["x"]),
  (op) => op.renameEnum("tmp enum", "tmp.Enum"),
  (op) => op.dropEnum("tmp.Enum", { values: ["x"] }),
];

describe.each(backends)("postgres dialect against PostgreSQL ($name)", (backend) => {
  let client: SqlSession;
  const snapshots: string[][] = [];
  const applied: Operation[] = [];

  beforeAll(async () => {
    client = await backend.open();
  });
  afterAll(async () => {
    await client?.close();
  });

  it("runs every op kind", async () => {
    const sink = new LiveSink(client);
    const op = new Operations(sink);
    const all = [...SCHEMAS, "Empty One"];
    snapshots.push(await snapshot(client, all));
    for (const step of steps) {
      await step(op);
      snapshots.push(await snapshot(client, all));
    }
    applied.push(...sink.ops);
    const kinds = new Set(applied.map((o) => o.kind));
    expect([...kinds].sort()).toEqual(
      [
        "addColumn", "addEnumValue", "alterColumn", "bulkInsert", "createCheckConstraint", "createEnum", "createExclusionConstraint",
        "createExtension", "createForeignKey", "createIndex", "createPrimaryKey", "createSchema", "createTable", "createUniqueConstraint",
        "createView", "dropColumn", "dropConstraint", "dropEnum", "dropIndex", "dropSchema", "dropTable", "dropView", "execute",
        "recreateEnum", "renameColumn", "renameConstraint", "renameEnum", "renameEnumValue", "renameIndex", "renameSequence", "renameTable",
        "setColumnComment", "setTableComment",
      ].sort(),
    );

    const final = snapshots[snapshots.length - 1]!;
    expect(final).toContain(`enum "Sch""ema.x"."Mood Type" 'ok','it''s','m''eh','new'`);
    expect(final.some((l) => l.startsWith(`con "Sch""ema.x"."my.Table x" "fk ""owner""" FOREIGN KEY (owner)`))).toBe(true);
    expect(final.some((l) => l.startsWith(`idx CREATE INDEX "ix ""b""." ON "Sch""ema.x"."my.Table x"`))).toBe(true);
    expect(final).toContain(`rel S "Sch""ema.x"."seq.Renamed" comment=- view=-`);
    expect(final).toContain(`con "Sch""ema.x"."my.Table x" "my.Table x_e.mail_key" UNIQUE ("e.mail") DEFERRABLE INITIALLY DEFERRED`);
    expect(final).toContain(`con "Sch""ema.x"."my.Table x" "no overlap" EXCLUDE USING gist (during WITH &&)`);
    expect(final).toContain(`col "Sch""ema.x"."my.Table x"."phone.number" character varying(30) notnull=f default='-'::character varying identity= generated= collation=- comment=-`);
    expect(final).toContain(`col "Sch""ema.x"."my.Table x"."double it" bigint notnull=f default=- identity= generated= collation=- comment=-`);
    expect(final).toContain(`col "Sch""ema.x"."my.Table x"."Id" integer notnull=t default=- identity=d generated= collation=- comment=-`);
    expect(final.some((l) => l.startsWith(`idx CREATE INDEX "Ix Concurrent" ON "Sch""ema.x"."my.Table x" USING btree (owner, seq DESC)`))).toBe(true);
    expect(final.some((l) => l.startsWith(`idx CREATE INDEX "ix a" ON "Sch""ema.x"."my.Table x" USING btree ("created at", lower(("e.mail")::text) DESC NULLS LAST) INCLUDE (seq) WHERE (owner IS NOT NULL)`))).toBe(true);
    const rows = await new Operations(new LiveSink(client)).query<{ mood: string; moods: string; email: string }>(
      `SELECT mood::text, moods::text, "e.mail" AS email FROM "Sch""ema.x"."my.Table x" ORDER BY "e.mail"`,
    );
    expect(rows).toEqual([
      { mood: "it's", moods: `{ok,m'eh}`, email: "a@x" },
      { mood: "ok", moods: null, email: "b'@x" },
    ]);
  });

  it("undoing each op with reverse() restores the catalog seen before it", async () => {
    expect(applied.length).toBe(steps.length);
    for (let i = applied.length - 1; i >= 0; i -= 1) {
      const op = applied[i]!;
      const back = reverse(op, postgres.types);
      if (isIrreversible(back)) {
        // Data ops have no reverse; take their rows out by hand so the schema undo can proceed.
        expect(["execute", "bulkInsert"]).toContain(op.kind);
        await client.query(op.kind === "bulkInsert" ? `DELETE FROM "Sch""ema.x"."my.Table x"` : `DELETE FROM "Sch""ema.x"."Owner Table"`);
        continue;
      }
      await runOp(client, back);
      expect(await snapshot(client, [...SCHEMAS, "Empty One"]), `after undoing step ${i}: ${op.kind}`).toEqual(snapshots[i]);
    }
    expect(snapshots[0]).toEqual(["schema public"]);
  });

  it("offline SQL with inlined literals does what the bound statement does", async () => {
    await client.query(`CREATE TABLE lit (t text, n numeric, b boolean, d timestamptz, j jsonb, a integer[], s text[], y bytea, f float8)`);
    const values = ["it's \\ $1 -- x", -12.5, true, new Date("2024-02-03T04:05:06.789Z"), { k: "v'", n: [1, 2] }, [1, null, 3], ['a"b', "c,d", "{e}"], Buffer.from([0, 255]), NaN];
    const sql = "INSERT INTO lit VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    await client.query(sql, values);
    await client.query(toOfflineSql({ sql, params: values }));
    const rows = await client.query("SELECT t, n::text, b, d, j, a, s, y, f::text FROM lit");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(rows[0]);
  });
});
