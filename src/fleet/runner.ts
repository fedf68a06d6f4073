/**
 * Runs one task per target, at most `concurrency` at a time, in the
 * targets' order. A task's failure is its target's result only: the others
 * go on (each has its own connection, lock and transactions), unless
 * --fail-fast asks to start no more, or a canary batch fails.
 */
import type { FleetProgress } from "./types";

export interface RunOutcome<R> {
  /** Per item, in order; undefined for one never started. */
  readonly results: readonly (R | undefined)[];
  readonly stopped?: "fail-fast" | "canary";
}

export interface RunOptions<R> {
  readonly concurrency: number;
  readonly failFast: boolean;
  /** Run the first `canary` items alone first; stop when any of them fails. */
  readonly canary: number;
  readonly failed: (result: R) => boolean;
  readonly onProgress?: (progress: FleetProgress) => void;
}

export async function runBounded<T, R>(items: readonly T[], task: (item: T) => Promise<R>, options: RunOptions<R>): Promise<RunOutcome<R>> {
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  const progress = { total: items.length, done: 0, failed: 0, running: 0 };
  const report = (): void => options.onProgress?.({ ...progress });
  let stopped: RunOutcome<R>["stopped"];

  const batch = async (from: number, to: number): Promise<void> => {
    let next = from;
    const worker = async (): Promise<void> => {
      while (next < to && stopped === undefined) {
        const index = next++;
        progress.running += 1;
        report();
        const result = await task(items[index] as T);
        results[index] = result;
        progress.running -= 1;
        progress.done += 1;
        if (options.failed(result)) {
          progress.failed += 1;
          if (options.failFast) stopped = "fail-fast";
        }
        report();
      }
    };
    const workers = Math.max(1, Math.min(options.concurrency, to - from));
    await Promise.all(Array.from({ length: workers }, worker));
  };

  const canary = Math.min(Math.max(0, Math.floor(options.canary)), items.length);
  if (canary > 0) {
    await batch(0, canary);
    if (stopped === undefined && results.slice(0, canary).some((r) => r !== undefined && options.failed(r))) stopped = "canary";
  }
  if (stopped === undefined) await batch(canary, items.length);
  return stopped === undefined ? { results } : { results, stopped };
}
