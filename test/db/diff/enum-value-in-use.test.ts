/**
 * PostgreSQL cannot use an enum value added by ADD VALUE in the transaction
 * that added it. A revision that adds a value and uses it at once (here as a
 * new column's default) must still run in one transaction.
 */
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { toSql } from "../../../src/dialect/postgres";
import { introspect } from "../../../src/dialect/postgres/introspect";
import type { EnumModel } from "../../../src/model/types";
import { col, idTable, model } from "../../unit/diff/builders";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { postgres } from "../../../src/dialect";

const mood = (values: string[]): EnumModel => ({ schema: "public", name: "mood", values });

describe.each(backendsUnderTest())("an added enum value used in the same revision, on $name", (backend) => {
  it("recreates the type instead of ADD VALUE, and the revision applies in one transaction", async () => {
    await withDatabase(backend, async ({ executor }) => {
      await executor.exec(`CREATE TYPE public.mood AS ENUM ('sad', 'ok'); CREATE TABLE public.people (id integer NOT NULL, m public.mood DEFAULT 'ok', CONSTRAINT people_pkey PRIMARY KEY (id)); INSERT INTO public.people VALUES (1, 'sad')`);
      const from = await introspect(executor, { schemas: ["public"] });
      const people = from.tables.find((t) => t.name === "people");
      if (!people) throw new Error("people not introspected");
      const to = model({
        enums: [mood(["sad", "ok", "happy"])],
        tables: [{ ...people, columns: [...people.columns, col("n", "public.mood", { nullable: false, default: "'happy'::public.mood" })] }],
      });
      const { ops } = diff(from, to, postgres.types);
      expect(ops.map((op) => op.kind)).not.toContain("addEnumValue");
      await executor.transaction(async () => {
        for (const op of ops) for (const statement of toSql(op)) await executor.query(statement.sql, statement.params);
      });
      const after = await introspect(executor, { schemas: ["public"] });
      expect(after.enums).toEqual([mood(["sad", "ok", "happy"])]);
      expect(diff(after, to, postgres.types).ops).toEqual([]);
      const rows = await executor.query<{ m: string; n: string }>("SELECT m::text, n::text FROM public.people");
      expect(rows.rows).toEqual([{ m: "sad", n: "happy" }]);
    });
  });

  it("still adds a value in place when nothing uses it yet", async () => {
    const from = model({ enums: [mood(["sad", "ok"])], tables: [idTable("people", [col("m", "public.mood")])] });
    const to = model({ enums: [mood(["sad", "ok", "happy"])], tables: [idTable("people", [col("m", "public.mood")])] });
    expect(diff(from, to, postgres.types).ops.map((op) => op.kind)).toEqual(["addEnumValue"]);
  });
});
