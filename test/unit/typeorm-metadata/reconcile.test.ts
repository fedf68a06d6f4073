import { describe, expect, it } from "vitest";
import type { LiveTypeormMetadataRow } from "../../../src/dialect/postgres/introspect/typeorm-metadata";
import { emptyModel } from "../../../src/model/types";
import { typeormMetadataOps, wantedTypeormMetadata } from "../../../src/typeorm-metadata";
import { col, model, table, view } from "../diff/builders";

const META = { schema: "public", name: "typeorm_metadata" };

function live(row: Partial<LiveTypeormMetadataRow> & Pick<LiveTypeormMetadataRow, "type" | "name" | "value">): LiveTypeormMetadataRow {
  return { schema: "public", table: null, here: row.type === "GENERATED_COLUMN", ...row };
}

const entities = model({
  tables: [table("person", [col("id"), col("full", "text", { generated: `"a" || "b"` })])],
  views: [view("v", "\n  SELECT 1\n"), view("m", "SELECT 2", { materialized: true, schema: "r" })],
});

describe("TypeORM metadata rows", () => {
  it("wanted: a view's text trimmed as TypeORM trims it, a generated column's as written", () => {
    expect(wantedTypeormMetadata(entities)).toEqual([
      { type: "VIEW", schema: "public", name: "v", value: "SELECT 1" },
      { type: "MATERIALIZED_VIEW", schema: "r", name: "m", value: "SELECT 2" },
      { type: "GENERATED_COLUMN", schema: "public", table: "person", name: "full", value: `"a" || "b"` },
    ]);
  });

  it("nothing when the rows there agree; no table at all means every row is inserted", () => {
    const wanted = wantedTypeormMetadata(entities);
    const there = [
      live({ type: "VIEW", name: "v", value: "SELECT 1" }),
      live({ type: "MATERIALIZED_VIEW", schema: "r", name: "m", value: "SELECT 2" }),
      live({ type: "GENERATED_COLUMN", table: "person", name: "full", value: `"a" || "b"` }),
    ];
    expect(typeormMetadataOps(wanted, there, { current: entities, target: entities }, META)).toEqual([]);
    const ops = typeormMetadataOps(wanted, null, { current: emptyModel(), target: entities }, META);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: "insertTypeormMetadata", metadataTable: META });
  });

  it("replaces a changed value, a changed view kind and doubled rows; deletes rows of dropped objects with what they held", () => {
    const current = model({
      tables: [table("person", [col("id"), col("full", "text", { generated: "x" }), col("gone", "text", { generated: "y" })])],
      views: [view("v", "SELECT 1", { materialized: true }), view("old", "SELECT 0")],
    });
    const target = model({ tables: [table("person", [col("id"), col("full", "text", { generated: "x2" })])], views: [view("v", "SELECT 1")] });
    const there = [
      live({ type: "MATERIALIZED_VIEW", name: "v", value: "SELECT 1" }),
      live({ type: "VIEW", name: "old", value: "SELECT 0" }),
      live({ type: "VIEW", name: "old", value: "SELECT 0" }),
      live({ type: "GENERATED_COLUMN", table: "person", name: "full", value: "x" }),
      live({ type: "GENERATED_COLUMN", table: "person", name: "gone", value: null }),
    ];
    expect(typeormMetadataOps(wantedTypeormMetadata(target), there, { current, target }, META)).toEqual([
      {
        kind: "deleteTypeormMetadata",
        metadataTable: META,
        rows: [
          { type: "GENERATED_COLUMN", schema: "public", table: "person", name: "full", value: "x" },
          { type: "GENERATED_COLUMN", schema: "public", table: "person", name: "gone" },
          { type: "MATERIALIZED_VIEW", schema: "public", name: "v", value: "SELECT 1" },
          { type: "VIEW", schema: "public", name: "old", value: "SELECT 0" },
        ],
      },
      {
        kind: "insertTypeormMetadata",
        metadataTable: META,
        rows: [
          { type: "GENERATED_COLUMN", schema: "public", table: "person", name: "full", value: "x2" },
          { type: "VIEW", schema: "public", name: "v", value: "SELECT 1" },
        ],
      },
    ]);
  });

  it("leaves alone rows about objects neither side has, and generated-column rows of another database", () => {
    const target = model({ tables: [table("person", [col("full", "text", { generated: "x" })])] });
    const there = [
      live({ type: "GENERATED_COLUMN", table: "person", name: "full", value: "x" }),
      live({ type: "GENERATED_COLUMN", table: "person", name: "full", value: "old", here: false }),
      live({ type: "GENERATED_COLUMN", table: "elsewhere", name: "c", value: "z" }),
      live({ type: "VIEW", name: "not_ours", value: "SELECT 3" }),
      live({ type: "VIEW", schema: null, name: "v", value: "SELECT 4" }),
    ];
    expect(typeormMetadataOps(wantedTypeormMetadata(target), there, { current: target, target }, META)).toEqual([]);
  });
});
