import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { reverse, isIrreversible } from "../../../src/ops/reverse";
import type { Operation } from "../../../src/ops/types";
import { applyOps, canonical } from "./apply-model";
import { randomModel } from "./random-model";

const seeds = fc.tuple(fc.integer(), fc.integer());
const RUNS = 400;

function reversed(ops: readonly Operation[]): Operation[] {
  return [...ops].reverse().map((op) => {
    const back = reverse(op);
    if (isIrreversible(back)) throw new Error(`irreversible ${op.kind}: ${back.reason}`);
    return back;
  });
}

describe("diff: properties on random models", () => {
  it("a model compared with itself gives nothing", () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const a = randomModel(seed);
      expect(diff(a, a).ops).toEqual([]);
    }), { numRuns: RUNS });
  });

  it("applying diff(A, B) to A gives B, every step keeping the model consistent", () => {
    fc.assert(fc.property(seeds, ([sa, sb]) => {
      const a = randomModel(sa);
      const b = randomModel(sb);
      const { ops } = diff(a, b);
      expect(canonical(applyOps(a, ops))).toEqual(canonical(b));
    }), { numRuns: RUNS });
  });

  it("applying the reverses of diff(A, B), last first, to B gives A", () => {
    fc.assert(fc.property(seeds, ([sa, sb]) => {
      const a = randomModel(sa);
      const b = randomModel(sb);
      const { ops } = diff(a, b);
      expect(canonical(applyOps(b, reversed(ops)))).toEqual(canonical(a));
    }), { numRuns: RUNS });
  });

  it("is deterministic: the same inputs give the same ops, whatever the input order", () => {
    fc.assert(fc.property(seeds, ([sa, sb]) => {
      const a = randomModel(sa);
      const b = randomModel(sb);
      const shuffledB = { ...b, tables: [...b.tables].reverse(), enums: [...b.enums].reverse(), views: [...b.views].reverse() };
      expect(JSON.stringify(diff(a, shuffledB).ops)).toBe(JSON.stringify(diff(a, b).ops));
    }), { numRuns: RUNS });
  });
});
