/**
 * A model that names one object twice cannot reach the differ: whoever built
 * it has a bug, and the ops would create, alter or drop that object twice.
 * Every kind of name, on either side of the comparison.
 */
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { DuplicateObjectError } from "../../../src/model/no-duplicates";
import type { SchemaModel } from "../../../src/model/types";
import { col, fk, idTable, index, model, table, view } from "./builders";
import { postgres } from "../../../src/dialect";

const CASES: readonly { readonly what: string; readonly model: SchemaModel; readonly message: string }[] = [
  { what: "a table", model: model({ tables: [idTable("item"), idTable("item")] }), message: 'holds table "item" twice' },
  {
    what: "a table in another schema",
    model: model({ schemas: ["sales"], tables: [idTable("item", [], { schema: "sales" }), idTable("item", [], { schema: "sales" })] }),
    message: 'holds table "sales"."item" twice',
  },
  { what: "a view named like a table", model: model({ tables: [idTable("item")], views: [view("item", "SELECT 1")] }), message: 'holds view "item" twice' },
  { what: "a view", model: model({ views: [view("v", "SELECT 1"), view("v", "SELECT 2")] }), message: 'holds view "v" twice' },
  {
    what: "an enum",
    model: model({ enums: [{ schema: "public", name: "mood", values: ["a"] }, { schema: "public", name: "mood", values: ["b"] }] }),
    message: 'holds enum "mood" twice',
  },
  { what: "a column", model: model({ tables: [table("item", [col("a"), col("a", "text")])] }), message: 'holds column "a" on table "item" twice' },
  {
    what: "a foreign key",
    model: model({ tables: [idTable("owner"), idTable("item", [col("owner_id")], { foreignKeys: [fk("FK_1", ["owner_id"], "owner"), fk("FK_1", ["owner_id"], "owner")] })] }),
    message: 'holds constraint "FK_1" on table "item" twice',
  },
  {
    what: "a unique constraint named like the primary key",
    model: model({ tables: [idTable("item", [], { uniques: [{ name: "PK_item", columns: ["id"], deferrable: false, initiallyDeferred: false }] })] }),
    message: 'holds constraint "PK_item" on table "item" twice',
  },
  {
    what: "a check named like an exclusion",
    model: model({ tables: [idTable("item", [], { checks: [{ name: "C", expression: "true" }], exclusions: [{ name: "C", definition: "USING gist (id WITH =)" }] })] }),
    message: 'holds constraint "C" on table "item" twice',
  },
  {
    what: "an index",
    model: model({ tables: [idTable("item", [col("a")], { indexes: [index("IDX_a", ["a"]), index("IDX_a", ["id"])] })] }),
    message: 'holds index "IDX_a" on table "item" twice',
  },
  {
    what: "an index of a materialized view",
    model: model({ views: [view("mv", "SELECT 1 AS a", { materialized: true, indexes: [index("IDX_mv", ["a"]), index("IDX_mv", ["a"])] })] }),
    message: 'holds index "IDX_mv" on view "mv" twice',
  },
  { what: "an extension", model: model({ extensions: [{ name: "citext", schema: null }, { name: "citext", schema: null }] }), message: 'holds extension "citext" twice' },
];

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}

describe("the differ refuses a model that holds an object twice", () => {
  it.each(CASES)("$what, in the entities' model", ({ model: twice, message }) => {
    const error = thrown(() => diff(model(), twice, postgres.types));
    expect(error).toBeInstanceOf(DuplicateObjectError);
    expect((error as Error).message).toBe(`the entities' model ${message}`);
  });

  it.each(CASES)("$what, in the database's model", ({ model: twice, message }) => {
    const error = thrown(() => diff(twice, model(), postgres.types));
    expect(error).toBeInstanceOf(DuplicateObjectError);
    expect((error as Error).message).toBe(`the database's model ${message}`);
  });

  it("and takes one that names each object once, the same names in different tables included", () => {
    const once = model({
      tables: [idTable("a", [col("x")], { indexes: [index("IDX_a", ["x"])] }), idTable("b", [col("x")], { checks: [{ name: "C", expression: "true" }] })],
      views: [view("v", "SELECT 1")],
    });
    expect(diff(once, once, postgres.types).ops).toEqual([]);
    expect(diff(model(), once, postgres.types).ops.filter((op) => op.kind === "createTable")).toHaveLength(2);
  });
});
