/**
 * A rendered file is a lossless record of its ops: running its upgrade
 * rebuilds the ops it was rendered from, and its downgrade the reverses,
 * last first.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { isIrreversible, reverse } from "../../../src/ops/reverse";
import type { Operation } from "../../../src/ops/types";
import { randomModel } from "../diff/random-model";
import { allKindsOps } from "./all-kinds";
import { apiOp } from "./representable";
import { roundTrip } from "./run-rendered";

function reverses(ops: readonly Operation[]): Operation[] {
  return [...ops].reverse().flatMap((op) => {
    const back = reverse(op);
    return isIrreversible(back) ? [] : [back];
  });
}

/** The op without its data-loss sentence (the API words it itself; the file keeps the differ's as a comment). */
function withoutLoss(op: Operation): Operation {
  const { destructive: _ignored, ...rest } = op;
  return rest;
}

describe("render -> run -> the same ops", () => {
  it("every kind, hand-built through the API (names that need escaping included)", async () => {
    const ops = await allKindsOps();
    const { upgrade, downgrade } = await roundTrip(ops);
    expect(upgrade).toStrictEqual(ops);
    expect(downgrade).toStrictEqual(reverses(ops));
  });

  it("random ops of every reversible kind", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(apiOp, { minLength: 1, maxLength: 6 }), async (ops) => {
        const { upgrade, downgrade } = await roundTrip(ops);
        expect(upgrade).toStrictEqual(ops);
        expect(downgrade).toStrictEqual(reverses(ops));
      }),
      { numRuns: 300 },
    );
  });

  it("what the differ emits between random models (data-loss wording aside)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.integer(), async (a, b) => {
        const { ops } = diff(randomModel(a), randomModel(b));
        const { bodies, upgrade, downgrade } = await roundTrip(ops);
        expect(upgrade.map(withoutLoss)).toStrictEqual(ops.map(withoutLoss));
        expect(downgrade.map(withoutLoss)).toStrictEqual(reverses(ops).map(withoutLoss));
        for (const op of ops) if (op.destructive !== undefined) expect(bodies.upgrades).toContain(`// destructive: ${op.destructive}`);
      }),
      { numRuns: 150 },
    );
  });

  it("the same ops render byte-identically, whatever order their objects' keys were built in", async () => {
    const ops = await allKindsOps();
    // Rows and parameters are the user's values: their keys keep the order given.
    const shuffled = ops.map((op) =>
      op.kind === "bulkInsert" || op.kind === "execute" ? op : (JSON.parse(JSON.stringify(op, (_key, value: unknown) => reorder(value))) as Operation),
    );
    const first = await roundTrip(ops);
    const second = await roundTrip(shuffled);
    expect(second.bodies).toStrictEqual(first.bodies);
  });
});

/** Plain objects with their keys in reverse order (arrays untouched). */
function reorder(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse());
}
