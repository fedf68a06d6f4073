import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import type { EnumModel } from "../../../src/model/types";
import { applyOps, canonical } from "./apply-model";
import { col, idTable, model } from "./builders";
import { postgres } from "../../../src/dialect";

const mood = (values: string[]): EnumModel => ({ schema: "public", name: "mood", values });
const moodName = { schema: "public", name: "mood" };
const people = { schema: "public", name: "people" };

describe("diff: enums", () => {
  it("creates an enum before the table using it and drops one after the column leaves it", () => {
    const t1 = idTable("people", [col("m", "public.mood")]);
    const created = diff(model({ tables: [idTable("people")] }), model({ enums: [mood(["a"])], tables: [t1] }), postgres.types).ops;
    expect(created.map((op) => op.kind)).toEqual(["createEnum", "addColumn"]);
    const dropped = diff(model({ enums: [mood(["a", "b"])], tables: [t1] }), model({ tables: [idTable("people")] }), postgres.types).ops;
    expect(dropped.map((op) => op.kind)).toEqual(["dropColumn", "dropEnum"]);
    expect(dropped[1]).toEqual({ kind: "dropEnum", enum: mood(["a", "b"]) });
  });

  it("adds values in place, each at its position, with the values before and the columns using the type", () => {
    const before = idTable("people", [col("m", "public.mood", { default: "'b'::public.mood" }), col("ms", "public.mood[]")]);
    const from = model({ enums: [mood(["b", "d"])], tables: [before] });
    const to = model({ enums: [mood(["a", "b", "c", "d", "e"])], tables: [before] });
    const usages = [
      { table: people, column: "m", array: false, default: "'b'::public.mood", newDefault: "'b'::public.mood" },
      { table: people, column: "ms", array: true, default: null, newDefault: null },
    ];
    const { ops } = diff(from, to, postgres.types);
    expect(ops).toEqual([
      { kind: "addEnumValue", enum: moodName, value: "a", before: "b", previousValues: ["b", "d"], usages },
      { kind: "addEnumValue", enum: moodName, value: "c", after: "b", previousValues: ["a", "b", "d"], usages },
      { kind: "addEnumValue", enum: moodName, value: "e", after: "d", previousValues: ["a", "b", "c", "d"], usages },
    ]);
    expect(canonical(applyOps(from, ops))).toEqual(canonical(to));
  });

  it("recreates an enum when values are removed or reordered, converting kept columns and setting their new default", () => {
    const before = idTable("people", [col("m", "public.mood", { default: "'b'::public.mood" }), col("gone", "public.mood"), col("t", "public.mood")]);
    const after = idTable("people", [col("m", "public.mood", { default: "'c'::public.mood" }), col("t", "text")]);
    const { ops } = diff(model({ enums: [mood(["a", "b", "c"])], tables: [before] }), model({ enums: [mood(["c", "b"])], tables: [after] }), postgres.types);
    expect(ops).toEqual([
      { kind: "dropColumn", table: people, column: "gone", definition: before.columns[2], destructive: 'drops column "people"."gone" and its data' },
      {
        kind: "alterColumn",
        table: people,
        column: "t",
        // Every enum value is kept as text: a widening, no USING; the way back needs one.
        type: { from: "public.mood", to: "text", reverseUsing: '"t"::public.mood' },
      },
      {
        kind: "recreateEnum",
        enum: moodName,
        values: ["c", "b"],
        previousValues: ["a", "b", "c"],
        usages: [{ table: people, column: "m", array: false, default: "'b'::public.mood", newDefault: "'c'::public.mood" }],
        destructive: "removes 'a' from enum \"mood\"; rows holding it fail to convert",
      },
    ]);
  });

  it("a pure reorder is recreated without a destructive mark", () => {
    const { ops } = diff(model({ enums: [mood(["a", "b"])] }), model({ enums: [mood(["b", "a"])] }), postgres.types);
    expect(ops).toEqual([{ kind: "recreateEnum", enum: moodName, values: ["b", "a"], previousValues: ["a", "b"], usages: [] }]);
  });

  it("columns moving to a recreated enum wait for the recreate, and so do the creates after them", () => {
    const before = idTable("people", [col("t", "text")]);
    const after = idTable("people", [col("t", "public.mood"), col("n", "public.mood", { default: "'z'::public.mood" })], {
      indexes: [{ name: "IDX_n", unique: false, method: "btree", keys: [{ column: "n" }], where: null, include: [] }],
    });
    const { ops } = diff(model({ enums: [mood(["a", "b"])], tables: [before] }), model({ enums: [mood(["z", "a"])], tables: [after] }), postgres.types);
    expect(ops.map((op) => op.kind)).toEqual(["recreateEnum", "alterColumn", "addColumn", "createIndex"]);
    const alter = ops[1];
    expect(alter?.kind === "alterColumn" && alter.type?.using).toBe('"t"::public.mood');
  });
});

describe("diff: checks naming a recreated enum", () => {
  it("wait for the recreate", () => {
    const before = idTable("people", [col("m", "public.mood")]);
    const after = idTable("people", [col("m", "public.mood")], { checks: [{ name: "CHK_m", expression: "(m <> 'z'::public.mood)" }] });
    const { ops } = diff(model({ enums: [mood(["a", "b"])], tables: [before] }), model({ enums: [mood(["z", "a"])], tables: [after] }), postgres.types);
    expect(ops.map((op) => op.kind)).toEqual(["recreateEnum", "createCheckConstraint"]);
  });
});
