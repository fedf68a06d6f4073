import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { reverse, isIrreversible } from "../../../src/ops/reverse";
import type { QualifiedName, SchemaModel } from "../../../src/model/types";
import type { Operation } from "../../../src/ops/types";
import { applyOp, applyOps, canonical } from "./apply-model";
import { randomModel } from "./random-model";
import { postgres } from "../../../src/dialect";

const seeds = fc.tuple(fc.integer(), fc.integer());
const RUNS = 400;

function reversed(ops: readonly Operation[]): Operation[] {
  return [...ops].reverse().map((op) => {
    const back = reverse(op, postgres.types);
    if (isIrreversible(back)) throw new Error(`irreversible ${op.kind}: ${back.reason}`);
    return back;
  });
}

describe("diff: properties on random models", () => {
  it("a model compared with itself gives nothing", () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const a = randomModel(seed);
      expect(diff(a, a, postgres.types).ops).toEqual([]);
    }), { numRuns: RUNS });
  });

  it("applying diff(A, B, postgres.types) to A gives B, every step keeping the model consistent", () => {
    fc.assert(fc.property(seeds, ([sa, sb]) => {
      const a = randomModel(sa);
      const b = randomModel(sb);
      const { ops } = diff(a, b, postgres.types);
      expect(canonical(applyOps(a, ops))).toEqual(canonical(b));
    }), { numRuns: RUNS });
  });

  it("applying the reverses of diff(A, B, postgres.types), last first, to B gives A", () => {
    fc.assert(fc.property(seeds, ([sa, sb]) => {
      const a = randomModel(sa);
      const b = randomModel(sb);
      const { ops } = diff(a, b, postgres.types);
      expect(canonical(applyOps(b, reversed(ops)))).toEqual(canonical(a));
    }), { numRuns: RUNS });
  });

  it("is deterministic: the same inputs give the same ops, whatever the input order", () => {
    fc.assert(fc.property(seeds, ([sa, sb]) => {
      const a = randomModel(sa);
      const b = randomModel(sb);
      const shuffledB = { ...b, tables: [...b.tables].reverse(), enums: [...b.enums].reverse(), views: [...b.views].reverse() };
      expect(JSON.stringify(diff(a, shuffledB, postgres.types).ops)).toBe(JSON.stringify(diff(a, b, postgres.types).ops));
    }), { numRuns: RUNS });
  });
});

describe("diff: rename hints on random models", () => {
  it("a hinted table and column rename becomes renames, applies to B and reverses to A", () => {
    fc.assert(fc.property(fc.integer(), fc.nat(), (seed, which) => {
      const a = randomModel(seed);
      fc.pre(a.tables.length > 0);
      const target = a.tables[which % a.tables.length]!;
      const column = target.columns[target.columns.length - 1]!.name;
      const b = renameInModel(a, target, `${target.name}_r`, column, `${column}_r`);
      const hint = target.schema === "public" ? target.name : `${target.schema}.${target.name}`;
      const { ops } = diff(a, b, postgres.types, { renames: [{ table: hint, to: `${target.name}_r` }, { table: hint, column, to: `${column}_r` }] });
      expect(ops.filter((op) => op.kind === "renameTable" || op.kind === "renameColumn")).toHaveLength(2);
      expect(ops.some((op) => op.kind === "dropTable" || op.kind === "createTable" || op.kind === "dropColumn" || op.kind === "addColumn")).toBe(false);
      expect(canonical(applyOps(a, ops))).toEqual(canonical(b));
      expect(canonical(applyOps(b, reversed(ops)))).toEqual(canonical(a));
    }), { numRuns: RUNS });
  });
});

/** What PostgreSQL does on RENAME TABLE + RENAME COLUMN, written independently of the differ. */
function renameInModel(model: SchemaModel, table: QualifiedName, to: string, column: string, columnTo: string): SchemaModel {
  const renamedTable = applyOp(model, { kind: "renameTable", table: { schema: table.schema, name: table.name }, to });
  return applyOp(renamedTable, { kind: "renameColumn", table: { schema: table.schema, name: to }, column, to: columnTo });
}
