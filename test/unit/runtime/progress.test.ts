/** Progress lines: all of them, in order, several per call, none held back past the interval. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { batchLines } from "../../../src/runtime/progress";

afterEach(() => {
  vi.useRealTimers();
});

describe("batchLines", () => {
  it("hands on lines added together in one call, in order, when flushed", () => {
    const calls: string[] = [];
    const batch = batchLines((text) => calls.push(text));
    for (let i = 1; i <= 5; i++) batch.add(`[${i}/5] step`);
    expect(calls).toEqual([]);
    batch.flush();
    expect(calls).toEqual(["[1/5] step\n[2/5] step\n[3/5] step\n[4/5] step\n[5/5] step"]);
    batch.flush();
    expect(calls).toHaveLength(1);
  });

  it("does not hold a line back longer than the interval while the next step runs", () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const batch = batchLines((text) => calls.push(text), 100);
    batch.add("first");
    vi.advanceTimersByTime(99);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(["first"]);
    batch.add("second");
    batch.add("third");
    vi.advanceTimersByTime(100);
    batch.add("fourth");
    batch.flush();
    expect(calls).toEqual(["first", "second\nthird", "fourth"]);
  });
});
