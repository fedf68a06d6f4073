/**
 * normalise on both backends. The fixture sets are built with the dialect's
 * own DDL (no TypeORM, so PGlite too), and hand-made raw models cover what
 * the scratch copy must cope with: enums new or different from the
 * database's, view bodies naming schema-qualified tables the database does
 * not have yet, real objects in the way, literals holding `::`, and errors.
 */
import { describe, expect, it } from "vitest";
import type { Executor } from "../../../src/db/types";
import { toSql } from "../../../src/dialect/postgres";
import { diff } from "../../../src/diff";
import { introspect } from "../../../src/dialect/postgres/introspect";
import { normalise } from "../../../src/dialect/postgres/normalise";
import type { ColumnModel, SchemaModel, TableModel } from "../../../src/model/types";
import type { Operation } from "../../../src/ops/types";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { counting } from "../introspect/counting";
import { FIXTURE_SETS, introspectFor, loadFixture, readFixture } from "./support";
import { postgres } from "../../../src/dialect";

function col(name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, nullable: true, default: null, identity: null, serial: false, generated: null, collation: null, comment: null, ...extra };
}

function table(schema: string, name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel {
  return { schema, name, columns, primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [], exclusions: [], comment: null, ...extra };
}

function model(parts: Partial<SchemaModel>): SchemaModel {
  return { schemas: [], extensions: [], enums: [], tables: [], views: [], ...parts };
}

/** The model's objects, created by the dialect: enums, tables, then foreign keys (any order of tables works), views. */
async function build(executor: Executor, raw: SchemaModel): Promise<void> {
  const ops: Operation[] = [
    ...raw.schemas.map((schema): Operation => ({ kind: "createSchema", schema })),
    ...raw.extensions.map((extension): Operation => ({ kind: "createExtension", extension, ifNotExists: true })),
    ...raw.enums.map((type): Operation => ({ kind: "createEnum", enum: type })),
    ...raw.tables.map((t): Operation => ({ kind: "createTable", table: { ...t, foreignKeys: [] } })),
    ...raw.tables.flatMap((t) => t.foreignKeys.map((foreignKey): Operation => ({ kind: "createForeignKey", table: t, foreignKey }))),
    ...raw.views.map((view): Operation => ({ kind: "createView", view })),
  ];
  for (const op of ops) for (const statement of toSql(op)) await executor.query(statement.sql, statement.params);
}

const everything = (raw: SchemaModel): { schemas: string[] } => ({ schemas: [...raw.schemas, "public"] });

describe.each(backendsUnderTest())("normalise on $name", (backend) => {
  it.for(FIXTURE_SETS)("fixture set %s built by the dialect introspects equal to its normalised model, before and after it exists", async (set) => {
    const read = await readFixture(await loadFixture(set));
    await withDatabase(backend, async (db) => {
      const before = await normalise(read.model, db.executor);
      await build(db.executor, read.model);
      const live = await introspectFor(db.executor, read);
      const after = await normalise(read.model, db.executor);
      expect(live).toEqual(after);
      expect(before).toEqual(after);
      expect(diff(live, after, postgres.types).ops).toEqual([]);
    });
  });

  it("renders enums the database lacks or has with other values, and leaves the database's own untouched", async () => {
    await withDatabase(backend, async (db) => {
      await db.executor.exec(`CREATE SCHEMA shop; CREATE TYPE shop.mood AS ENUM ('a', 'b');
        CREATE TABLE shop.person (id int, mood shop.mood DEFAULT 'b'); INSERT INTO shop.person VALUES (1, 'a');`);
      const liveBefore = await introspect(db.executor, { schemas: ["public", "shop"] });
      const raw = model({
        schemas: ["shop"],
        enums: [{ schema: "shop", name: "mood", values: ["c", "b", "a"] }, { schema: "shop", name: "size", values: ["S", "M"] }],
        tables: [table("shop", "person", [
          col("id", "integer"),
          col("mood", `"shop"."mood"`, { default: `'c'` }),
          col("size", `"shop"."size"[]`, { default: `'{M}'` }),
        ], { checks: [{ name: "CHK_mood", expression: `"mood" <> 'a'` }] })],
      });
      const normalised = await normalise(raw, db.executor);
      expect(normalised.enums).toEqual(raw.enums);
      expect(normalised.tables[0]!.columns.map((c) => [c.type, c.default])).toEqual([
        ["integer", null], ["shop.mood", "'c'::shop.mood"], ["shop.size[]", "'{M}'::shop.size[]"],
      ]);
      expect(normalised.tables[0]!.checks).toEqual([{ name: "CHK_mood", expression: "(mood <> 'a'::shop.mood)" }]);
      expect(await introspect(db.executor, { schemas: ["public", "shop"] })).toEqual(liveBefore);
      expect((await db.executor.query("SELECT mood::text AS mood FROM shop.person")).rows).toEqual([{ mood: "a" }]);
    });
  });

  it("renders a view over schema-qualified tables and columns the database does not have yet", async () => {
    await withDatabase(backend, async (db) => {
      await db.executor.exec(`CREATE SCHEMA billing; CREATE TABLE billing.invoice (id int)`);
      const raw = model({
        schemas: ["billing"],
        tables: [table("billing", "invoice", [col("id", "integer"), col("amount", "numeric(12,4)", { default: "0" })]),
          table("billing", "line", [col("invoice_id", "integer")])],
        views: [
          { schema: "billing", name: "open_invoice", materialized: false, indexes: [],
            definition: `SELECT "i"."id", "i"."amount" FROM "billing"."invoice" "i" JOIN "billing"."line" "l" ON "l"."invoice_id" = "i"."id" WHERE "i"."amount" > 0` },
          { schema: "public", name: "totals", materialized: true, definition: `SELECT "id", sum("amount") AS "total" FROM "billing"."invoice" GROUP BY "id";`,
            indexes: [{ name: "IDX_totals", unique: true, method: "btree", keys: [{ column: "id" }], where: null, include: [] }] },
          // a view over a view that comes later in the model's order
          { schema: "public", name: "a_first", materialized: false, indexes: [], definition: `SELECT "id" FROM "z_last" -- trailing comment` },
          { schema: "public", name: "z_last", materialized: false, indexes: [], definition: `SELECT "id" FROM "billing"."open_invoice";` },
        ],
      });
      const normalised = await normalise(raw, db.executor);
      expect(normalised.views.map((v) => [v.schema, v.name, v.materialized])).toEqual([
        ["billing", "open_invoice", false], ["public", "a_first", false], ["public", "totals", true], ["public", "z_last", false],
      ]);
      expect(normalised.views[0]!.definition).toMatch(/FROM \(?billing\.invoice i\s+JOIN billing\.line l ON/);
      expect(normalised.views[1]!.definition).toMatch(/FROM public\.z_last/);
      expect(normalised.views[2]!.definition).toMatch(/FROM billing\.invoice\s+GROUP BY/);
      expect(normalised.views[2]!.indexes).toEqual(raw.views[1]!.indexes);
      expect(normalised.views[3]!.definition).toMatch(/FROM billing\.open_invoice/);
      expect(normalised.tables[0]!.columns[1]).toEqual(col("amount", "numeric(12,4)", { default: "0" }));
      // nothing stayed behind
      expect((await introspect(db.executor, { schemas: ["public", "billing"] })).tables.map((t) => t.columns.length)).toEqual([1]);
    });
  });

  it("keeps literals holding `::` whole and moves unrelated real objects in the way only for the rollback", async () => {
    await withDatabase(backend, async (db) => {
      // a real sequence and a real table hold names the model's index and table need
      await db.executor.exec(`CREATE SEQUENCE "IDX_note_text"; CREATE TABLE note (legacy text); CREATE VIEW note_view AS SELECT legacy FROM note`);
      const raw = model({
        tables: [table("public", "note", [
          col("text", "text", { default: `'a::b'` }),
          col("kind", "character varying(10)", { default: `'x'::character varying` }),
          col("lower", "character varying(10)", { generated: `lower("kind")` }),
        ], {
          checks: [{ name: "CHK_text", expression: `"text" <> '::int'` }],
          indexes: [{ name: "IDX_note_text", unique: false, method: "btree", keys: [{ expression: `"text" || '::'` }], where: `"kind" <> 'y::z'`, include: [] }],
        })],
      });
      const normalised = await normalise(raw, db.executor);
      const note = normalised.tables[0]!;
      expect(note.columns.map((c) => c.default ?? c.generated)).toEqual(["'a::b'::text", "'x'::character varying", "lower((kind)::text)"]);
      expect(note.checks).toEqual([{ name: "CHK_text", expression: "(text <> '::int'::text)" }]);
      expect(note.indexes[0]!.keys).toEqual([{ expression: "(text || '::'::text)" }]);
      expect(note.indexes[0]!.where).toBe("((kind)::text <> 'y::z'::text)");
      const after = await introspect(db.executor, { schemas: ["public"] });
      expect(after.tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual([["note", ["legacy"]]]);
      expect(after.views.map((v) => v.name)).toEqual(["note_view"]);
      expect((await db.executor.query(`SELECT to_regclass('"IDX_note_text"') IS NOT NULL AS kept`)).rows).toEqual([{ kept: true }]);
    });
  });

  it("names the extensions the server cannot install", async () => {
    await withDatabase(backend, async (db) => {
      // PGlite lists the contrib extensions it registers, as the server lists its control files
      const raw = model({ extensions: ["citext", "no_such_extension"].map((name) => ({ name, schema: null })) });
      await expect(normalise(raw, db.executor)).rejects.toThrow(/^the entities need the extension "no_such_extension", which .+ does not have$/);
    });
  });

  it("names the statement PostgreSQL rejects", async () => {
    await withDatabase(backend, async (db) => {
      const raw = model({ tables: [table("public", "ok", [col("id", "integer")]), table("public", "bad", [col("n", "integer", { default: "no_such_function()" })])] });
      await expect(normalise(raw, db.executor)).rejects.toThrow(/PostgreSQL rejects the entities' schema: .*no_such_function.* in: CREATE TABLE "public"\."bad"/);
      const view = model({ views: [{ schema: "public", name: "v", materialized: false, indexes: [], definition: `SELECT 1 FROM "nowhere"` }] });
      await expect(normalise(view, db.executor)).rejects.toThrow(/PostgreSQL rejects the entities' schema: .*"nowhere" does not exist/);
    });
  });

  it("makes the same number of round trips for 10 tables as for 200 (built in more than one chunk)", async () => {
    await withDatabase(backend, async (db) => {
      const raw = (n: number): SchemaModel => model({
        enums: Array.from({ length: n }, (_, i) => ({ schema: "public", name: `e${i}`, values: ["a", "b"] })),
        tables: Array.from({ length: n }, (_, i) => table("public", `t${i}`, [
          col("id", "integer", { serial: true, nullable: false }), col("v", `"public"."e${i}"`, { default: `'a'` }), col("w", "integer"),
        ], { primaryKey: { name: `PK_t${i}`, columns: ["id"] }, checks: [{ name: `CHK_t${i}`, expression: `"w" <> 0` }],
          indexes: [{ name: `IDX_t${i}`, unique: false, method: "btree", keys: [{ expression: `"w" + 1` }], where: null, include: [] }] })),
      });
      const small = counting(db.executor);
      expect((await normalise(raw(10), small.executor)).tables).toHaveLength(10);
      const large = counting(db.executor);
      let chunks = 0;
      expect((await normalise(raw(200), large.executor, { onChunks: (stats) => void (chunks = stats.chunks.length) })).tables).toHaveLength(200);
      expect(chunks).toBeGreaterThan(1);
      expect(large.roundTrips()).toBe(small.roundTrips());
      expect(small.roundTrips()).toBeLessThanOrEqual(5);
    });
  });
});
