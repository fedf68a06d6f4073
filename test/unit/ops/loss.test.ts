/** dataLoss: the differ, the op API and reverse() mark the same losses with the same words, through one op factory. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { collectOperations, isIrreversible, reverse, type Operation } from "../../../src/ops";
import { dataLoss } from "../../../src/ops/loss";
import { col, idTable, model } from "../diff/builders";
import { randomModel } from "../diff/random-model";
import { postgres } from "../../../src/dialect";

function withoutLoss(op: Operation): Operation {
  const { destructive: _ignored, ...rest } = op;
  return rest;
}

function reversed(op: Operation): Operation {
  const back = reverse(op, postgres.types);
  if (isIrreversible(back)) throw new Error(back.reason);
  return back;
}

describe("dataLoss", () => {
  it("marks the reverse of a widening as the narrowing it is, in the differ's words", () => {
    const before = model({ tables: [idTable("project", [col("name", "character varying(80)")])] });
    const after = model({ tables: [idTable("project", [col("name", "character varying(120)")])] });
    const [widen] = diff(before, after, postgres.types).ops;
    expect(widen).toMatchObject({ kind: "alterColumn" });
    expect(widen!.destructive).toBeUndefined();
    const narrow = reversed(widen!);
    const [differNarrow] = diff(after, before, postgres.types).ops;
    expect(narrow.destructive).toBe(
      'changes "project"."name" from character varying(120) to character varying(80): values that do not fit are cut or rejected',
    );
    expect(narrow.destructive).toBe(differNarrow!.destructive);
  });

  it("the op API marks a narrowing it can see (existingType given), and only then", async () => {
    const ops = await collectOperations(async (op) => {
      await op.alterColumn("t", "c", { type: "varchar(10)", existingType: "text" });
      await op.alterColumn("t", "c", { type: "varchar(10)" });
      await op.alterColumn("t", "c", { type: "varchar(20)", existingType: "varchar(10)" });
      await op.alterColumn("t", "c", { type: "timestamptz(3)", existingType: "timestamp(3)" });
      await op.alterColumn("t", "c", { type: "integer", existingType: "bigint" });
    }, postgres.types);
    expect(ops.map((op) => op.destructive)).toEqual([
      'changes "t"."c" from text to character varying(10): values that do not fit are cut or rejected',
      undefined,
      undefined,
      undefined,
      'changes "t"."c" from bigint to integer: values that do not fit are cut or rejected',
    ]);
  });

  it("words a removed enum value in the singular and several in the plural", async () => {
    const ops = await collectOperations(async (op) => {
      await op.recreateEnum("e", ["a"], { existingValues: ["a", "b"] });
      await op.recreateEnum({ schema: "s", name: "e" }, ["a"], { existingValues: ["a", "b", "it's"] });
    }, postgres.types);
    expect(ops.map((op) => op.destructive)).toEqual([
      `removes 'b' from enum "e"; rows holding it fail to convert`,
      `removes 'b', 'it''s' from enum "s"."e"; rows holding them fail to convert`,
    ]);
  });

  it("every op the differ emits between random models comes out of the one factory: frozen, with dataLoss's note", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        for (const op of diff(randomModel(a), randomModel(b), postgres.types).ops) {
          expect(Object.isFrozen(op)).toBe(true);
          expect(dataLoss(withoutLoss(op), postgres.types)).toBe(op.destructive);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an op API without the database's type rules cannot judge a narrowing and leaves it unmarked", async () => {
    const [narrow] = await collectOperations(async (op) => {
      await op.alterColumn("t", "c", { type: "integer", existingType: "bigint" });
    }, undefined);
    expect(narrow!.destructive).toBeUndefined();
    expect(Object.isFrozen(narrow)).toBe(true);
  });
});
