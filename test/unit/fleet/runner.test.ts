import { describe, expect, it } from "vitest";
import { runBounded } from "../../../src/fleet/runner";
import type { FleetProgress } from "../../../src/fleet/types";

/** A task that records how many run at once; items named "bad" fail. */
function recorder() {
  let running = 0;
  let peak = 0;
  const started: string[] = [];
  const task = async (item: string): Promise<{ item: string; ok: boolean }> => {
    started.push(item);
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setImmediate(resolve));
    running -= 1;
    return { item, ok: !item.startsWith("bad") };
  };
  return { task, started, peak: () => peak };
}

const failed = (r: { ok: boolean }): boolean => !r.ok;

describe("the bounded runner", () => {
  it("runs every item, never more than the concurrency at once, and a failure stops nothing", async () => {
    const items = ["a", "bad1", "c", "d", "e", "f", "g"];
    const r = recorder();
    const progress: FleetProgress[] = [];
    const out = await runBounded(items, r.task, { concurrency: 3, failFast: false, canary: 0, failed, onProgress: (p) => progress.push(p) });
    expect(out.results.map((x) => x?.item)).toEqual(items);
    expect(out.stopped).toBeUndefined();
    expect(r.peak()).toBe(3);
    expect(progress.every((p) => p.running <= 3 && p.done + p.running <= p.total)).toBe(true);
    expect(progress.at(-1)).toEqual({ total: 7, done: 7, failed: 1, running: 0 });
  });

  it("--fail-fast starts nothing after the first failure; the ones running finish", async () => {
    const r = recorder();
    const out = await runBounded(["a", "bad", "c", "d", "e"], r.task, { concurrency: 2, failFast: true, canary: 0, failed });
    expect(out.stopped).toBe("fail-fast");
    expect(out.results.slice(0, 2).map((x) => x?.item)).toEqual(["a", "bad"]);
    expect(out.results.filter((x) => x === undefined).length).toBeGreaterThan(0);
    expect(r.started).not.toContain("e");
  });

  it("a canary batch runs first and alone; when one of it fails, no other item starts", async () => {
    const r = recorder();
    const out = await runBounded(["a", "bad", "c", "d"], r.task, { concurrency: 4, failFast: false, canary: 2, failed });
    expect(out.stopped).toBe("canary");
    expect(r.started).toEqual(["a", "bad"]);
    const passing = recorder();
    const fine = await runBounded(["a", "b", "c", "bad"], passing.task, { concurrency: 4, failFast: false, canary: 2, failed });
    expect(fine.stopped).toBeUndefined();
    expect(fine.results.map((x) => x?.item)).toEqual(["a", "b", "c", "bad"]);
    // the canaries finish before the rest begin
    expect(passing.started.slice(0, 2)).toEqual(["a", "b"]);
  });
});
