/**
 * Column positions (MySQL's AFTER/FIRST): with `columnPositions` a dropped
 * column records where it stood, so its reverse in the downgrade puts it
 * back there; an added column is never placed (synchronize appends it); and
 * without the option (PostgreSQL) nothing changes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { qualifiedKey, type SchemaModel } from "../../../src/model/types";
import { isIrreversible, reverse } from "../../../src/ops/reverse";
import type { Operation } from "../../../src/ops/types";
import { applyOps } from "./apply-model";
import { col, model, table } from "./builders";
import { randomModel } from "./random-model";
import { postgres } from "../../../src/dialect";

function reversed(ops: readonly Operation[]): Operation[] {
  return [...ops].reverse().map((op) => {
    const back = reverse(op, postgres.types);
    if (isIrreversible(back)) throw new Error(`irreversible ${op.kind}: ${back.reason}`);
    return back;
  });
}

/** Each table's column names, in order. */
function columnOrders(m: SchemaModel): Record<string, string[]> {
  return Object.fromEntries(m.tables.map((t) => [qualifiedKey(t), t.columns.map((c) => c.name)]));
}

const names = (...list: string[]) => list.map((name) => col(name));

describe("diff: where a dropped column comes back", () => {
  const before = model({ tables: [table("t", names("a", "b", "c", "d", "e", "f", "g"))] });
  // a (first), c and d (adjacent, in the middle) and g (last) dropped; x added in the middle of the entities
  const after = model({ tables: [table("t", names("b", "x", "e", "f"))] });

  it("records, per drop, the nearest kept column before it (or first), and places no added column", () => {
    const { ops } = diff(before, after, postgres.types, { columnPositions: true });
    const drops = ops.flatMap((op) => (op.kind === "dropColumn" ? [[op.column, op.position]] : []));
    expect(drops).toEqual([
      ["a", { first: true }],
      ["c", { after: "b" }],
      ["d", { after: "b" }],
      ["g", { after: "f" }],
    ]);
    const add = ops.find((op) => op.kind === "addColumn");
    expect(add).toBeDefined();
    expect(add).not.toHaveProperty("position");
  });

  it("the downgrade restores the drops last first, each AFTER a column that exists then, giving the order before exactly", () => {
    const { ops } = diff(before, after, postgres.types, { columnPositions: true });
    const back = reversed(ops);
    expect(back.flatMap((op) => (op.kind === "addColumn" ? [[op.column.name, op.position]] : []))).toEqual([
      ["g", { after: "f" }],
      ["d", { after: "b" }],
      ["c", { after: "b" }],
      ["a", { first: true }],
    ]);
    const upgraded = applyOps(before, ops);
    expect(columnOrders(upgraded)).toEqual({ "public\u0000t": ["b", "e", "f", "x"] });
    expect(columnOrders(applyOps(upgraded, back))).toEqual(columnOrders(before));
  });

  it("names a renamed column as the revision leaves it (renames are undone after the restores)", () => {
    const renamedAfter = model({ tables: [table("t", names("a", "bee", "d"))] });
    const small = model({ tables: [table("t", names("a", "b", "c", "d"))] });
    const { ops } = diff(small, renamedAfter, postgres.types, { columnPositions: true, renames: [{ table: "t", column: "b", to: "bee" }] });
    expect(ops.flatMap((op) => (op.kind === "dropColumn" ? [op.position] : []))).toEqual([{ after: "bee" }]);
    const upgraded = applyOps(small, ops);
    expect(columnOrders(applyOps(upgraded, reversed(ops)))).toEqual(columnOrders(small));
  });

  it("without the option (PostgreSQL, which cannot place a column) a drop carries no position", () => {
    const { ops } = diff(before, after, postgres.types);
    expect(ops.some((op) => "position" in op)).toBe(false);
  });

  it("on random models: upgrade then downgrade leaves every table's columns in the order they had", () => {
    let placed = 0;
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (sa, sb) => {
        const a = randomModel(sa);
        const { ops } = diff(a, randomModel(sb), postgres.types, { columnPositions: true });
        placed += ops.filter((op) => op.kind === "dropColumn" && op.position !== undefined).length;
        const upgraded = applyOps(a, ops);
        expect(columnOrders(applyOps(upgraded, reversed(ops)))).toEqual(columnOrders(a));
      }),
      { numRuns: 300 },
    );
    // the property saw drops with a position, so it can fail
    expect(placed).toBeGreaterThan(0);
  });
});
