/**
 * normalise builds its scratch copy in chunks so that the locks held at once
 * stay bounded (the server's shared lock table holds about 6 400 by
 * default): models of thousands of tables must normalise on a default
 * server, with the same few round trips, and give what introspection of the
 * built tables gives.
 */
import { describe, expect, it } from "vitest";
import { introspect } from "../../../src/dialect/postgres/introspect";
import { normalise, type ChunkStats } from "../../../src/dialect/postgres/normalise";
import { LOCK_BUDGET } from "../../../src/dialect/postgres/normalise/chunks";
import type { SchemaModel } from "../../../src/model/types";
import { backendsUnderTest, serverUrl, withDatabase } from "../../helpers/databases";
import { counting } from "../introspect/counting";
import { buildWide, wideModel } from "./wide-model";

/** 300 tables, an enum used by all of them, a check on every third, and views over the first and the last table. */
function withViews(tables: number): SchemaModel {
  const base = wideModel(tables);
  const last = `entity${tables - 1}`;
  return {
    ...base,
    enums: [{ schema: "public", name: "tier", values: ["gold", "silver"] }],
    tables: base.tables.map((table, i) => ({
      ...table,
      columns: [...table.columns, { ...table.columns[3]!, name: "tier", type: `"public"."tier"`, default: `'silver'` }],
      // a third of the tables have a check, so are built one by one; the others only have their column forms rendered
      checks: i % 3 === 0 ? [{ name: `CHK_${table.name}_count`, expression: "count >= 0" }] : [],
    })),
    views: [
      { schema: "public", name: "pairs", materialized: false, indexes: [],
        definition: `SELECT "f"."id", "l"."code" FROM "entity0" "f" JOIN "${last}" "l" ON "l"."parentId" = "f"."id"` },
      { schema: "public", name: "pair_counts", materialized: true, definition: `SELECT "code", count(*) AS "n" FROM "pairs" GROUP BY "code"`,
        indexes: [{ name: "IDX_pair_counts_code", unique: true, method: "btree", keys: [{ column: "code" }], where: null, include: [] }] },
    ],
  };
}

function recorder(): { onChunks: (stats: ChunkStats) => void; last: () => ChunkStats } {
  let seen: ChunkStats | null = null;
  return {
    onChunks: (stats) => void (seen = stats),
    last: () => {
      if (seen === null) throw new Error("normalise reported no chunks");
      return seen;
    },
  };
}

describe.each(backendsUnderTest())("normalise in chunks on $name", (backend) => {
  it("a model larger than one chunk: each chunk within the lock budget, views with the tables they name, equal to the built catalog", async () => {
    const raw = withViews(300);
    await withDatabase(backend, async (db) => {
      // a real enum of the same name with other values, used by a real table outside the model
      await db.executor.exec(`CREATE TYPE public.tier AS ENUM ('bronze'); CREATE TABLE legacy (t public.tier)`);
      const fresh = recorder();
      const before = await normalise(raw, db.executor, { onChunks: fresh.onChunks });
      const chunks = fresh.last().chunks;
      expect(chunks.length).toBeGreaterThan(1);
      // the tables with a check, and the last one (named by a view), are built
      expect(chunks.reduce((sum, c) => sum + c.tables, 0)).toBe(101);
      expect(chunks.at(-1)).toMatchObject({ tables: 2, views: 2 });
      for (const chunk of chunks) expect(chunk.locks).toBeLessThanOrEqual(LOCK_BUDGET);

      await db.executor.exec(`DROP TABLE legacy; DROP TYPE public.tier`);
      await buildWide(db.executor, raw);
      const live = await introspect(db.executor, { schemas: ["public"] });
      const existing = recorder();
      const after = await normalise(raw, db.executor, { onChunks: existing.onChunks });
      // renaming the real objects aside costs a few locks more per table, still within the budget
      for (const chunk of existing.last().chunks) expect(chunk.locks).toBeLessThanOrEqual(LOCK_BUDGET);
      expect(after.tables).toHaveLength(300);
      expect(live).toEqual(after);
      expect(before).toEqual(after);
      expect(await introspect(db.executor, { schemas: ["public"] })).toEqual(live);
    });
  });
});

const adminUrl = serverUrl();

describe.skipIf(adminUrl === null)("normalise of 3000 tables on a default-configured server", () => {
  it("completes in 4 round trips within the lock budget, and the tables that exist read back as introspected", async () => {
    const raw = wideModel(3000);
    const built: SchemaModel = { ...raw, tables: raw.tables.slice(0, 500) };
    await withDatabase({ name: "server", adminUrl: adminUrl! }, async (db) => {
      const { rows } = await db.executor.query("SELECT current_setting('max_locks_per_transaction')::int * current_setting('max_connections')::int AS slots");
      // each of 3000 tables takes 10+ locks: built at once they would need far more than the shared table holds
      expect(Number(rows[0]!["slots"])).toBeLessThan(3000 * 10);
      await buildWide(db.executor, built);
      const live = await introspect(db.executor, { schemas: ["public"] });
      const count = counting(db.executor);
      const stats = recorder();
      const normalised = await normalise(raw, count.executor, { onChunks: stats.onChunks });
      // BEGIN, the head batch, the chunks' call, ROLLBACK: plain tables alone need no obstacle query
      expect(count.roundTrips()).toBe(4);
      expect(normalised.tables).toHaveLength(3000);
      for (const chunk of stats.last().chunks) expect(chunk.locks).toBeLessThanOrEqual(LOCK_BUDGET);
      const names = new Set(built.tables.map((t) => t.name));
      expect({ ...normalised, tables: normalised.tables.filter((t) => names.has(t.name)) }).toEqual(live);
      expect(await introspect(db.executor, { schemas: ["public"] })).toEqual(live);
    });
  }, 900_000);
});
