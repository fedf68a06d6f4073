import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { opTable } from "../../../src/ops";
import { applyOps, canonical } from "./apply-model";
import { col, idTable, index, model, view } from "./builders";
import { postgres } from "../../../src/dialect";

const v = (name: string) => ({ schema: "public", name });

describe("diff: views", () => {
  it("creates new views last and drops removed views first, neither destructive", () => {
    const old = view("old_v", " SELECT 1");
    const fresh = view("new_v", " SELECT users.id FROM public.users");
    const { ops } = diff(model({ views: [old] }), model({ tables: [idTable("users")], views: [fresh] }), postgres.types);
    expect(ops).toEqual([
      { kind: "dropView", view: v("old_v"), materialized: false, definition: old },
      { kind: "createTable", table: idTable("users") },
      { kind: "createView", view: fresh },
    ]);
    expect(ops.every((op) => op.destructive === undefined)).toBe(true);
  });

  it("replaces a changed view by drop + create, dependents dropped first and created after", () => {
    const base = view("base_v", " SELECT 1 AS x");
    const top = view("top_v", " SELECT base_v.x FROM public.base_v");
    const changed = { ...base, definition: " SELECT 2 AS x" };
    const { ops } = diff(model({ views: [top, base] }), model({ views: [top, changed] }), postgres.types);
    expect(ops.map((op) => `${op.kind}:${opTable(op)?.name}`)).toEqual(["dropView:top_v", "dropView:base_v", "createView:base_v", "createView:top_v"]);
  });

  it("recreates a view over a table whose column changes type, around the change", () => {
    const over = view("names", " SELECT users.name FROM public.users");
    const before = idTable("users", [col("name", "character varying(10)")]);
    const after = idTable("users", [col("name", "character varying(20)")]);
    const { ops } = diff(model({ tables: [before], views: [over] }), model({ tables: [after], views: [over] }), postgres.types);
    expect(ops.map((op) => op.kind)).toEqual(["dropView", "alterColumn", "createView"]);
    // A change that PostgreSQL allows under a view leaves the view alone.
    const commented = idTable("users", [col("name", "character varying(10)", { comment: "c" })]);
    expect(diff(model({ tables: [before], views: [over] }), model({ tables: [commented], views: [over] }), postgres.types).ops.map((op) => op.kind)).toEqual([
      "setColumnComment",
    ]);
  });

  it("materialized views: indexes dropped before the view and created after it; index changes alone stay index ops", () => {
    const mat = view("stats", " SELECT 1 AS n", { materialized: true, indexes: [index("IDX_n", ["n"])] });
    const changed = { ...mat, definition: " SELECT 2 AS n" };
    const { ops } = diff(model({ views: [mat] }), model({ views: [changed] }), postgres.types);
    expect(ops).toEqual([
      { kind: "dropIndex", table: v("stats"), name: "IDX_n", definition: mat.indexes[0] },
      { kind: "dropView", view: v("stats"), materialized: true, definition: { ...mat, indexes: [] } },
      { kind: "createView", view: { ...changed, indexes: [] } },
      { kind: "createIndex", table: v("stats"), index: changed.indexes[0] },
    ]);
    const reindexed = { ...mat, indexes: [index("IDX_n", ["n"], { unique: true })] };
    const only = diff(model({ views: [mat] }), model({ views: [reindexed] }), postgres.types);
    expect(only.ops.map((op) => op.kind)).toEqual(["dropIndex", "createIndex"]);
    expect(canonical(applyOps(model({ views: [mat] }), only.ops))).toEqual(canonical(model({ views: [reindexed] })));
  });
});

describe("diff: views over enum columns", () => {
  it("recreates a view over a column whose enum is recreated", () => {
    const over = view("moods", " SELECT people.m FROM public.people");
    const people = idTable("people", [col("m", "public.mood")]);
    const { ops } = diff(
      model({ enums: [{ schema: "public", name: "mood", values: ["a", "b"] }], tables: [people], views: [over] }),
      model({ enums: [{ schema: "public", name: "mood", values: ["b"] }], tables: [people], views: [over] }), postgres.types
    );
    expect(ops.map((op) => op.kind)).toEqual(["dropView", "recreateEnum", "createView"]);
  });
});
