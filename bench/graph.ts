/**
 * Revision-graph benchmark: writes 1000 and 10000 revision files (a linear
 * history with a few branches and a merge) to a temp folder, then times, in
 * process, the header scan, the graph build, heads and full upgrade/downgrade plans.
 * Prints medians; asserts nothing.
 *
 * Run (until the bench runner wraps it):
 *   npx tsc --outDir /tmp/migrator-bench --rootDir . --module commonjs --target es2022 \
 *     --esModuleInterop --skipLibCheck bench/graph.ts && node /tmp/migrator-bench/bench/graph.js
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { RevisionGraph } from "../src/revisions/graph";
import { planDowngrade, planUpgrade } from "../src/revisions/plan";
import { scanRevisionFolders } from "../src/revisions/scan";

const RUNS = 7;

function fileText(id: string, down: string | string[] | null, message: string): string {
  const literal = down === null ? "null" : JSON.stringify(down);
  return `/**
 * ${message}
 *
 * Revision ID: ${id}
 */
import type { Operations } from "migrator";

export const revision = "${id}";
export const downRevision: string | string[] | null = ${literal};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn("t${id}", { name: "c", type: "integer", nullable: true });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn("t${id}", "c");
}
`;
}

/** A line of n revisions; every n/10th one starts a 3-revision side branch merged back 5 later. */
function writeProject(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `migrator-bench-${n}-`));
  const id = (i: number): string => i.toString(16).padStart(12, "0");
  let previous: string | null = null;
  const pendingMerges = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, String(Math.floor(i / 1000)));
    fs.mkdirSync(sub, { recursive: true });
    const merging = pendingMerges.get(i);
    const down: string | string[] | null = merging && previous ? [previous, merging] : previous;
    fs.writeFileSync(path.join(sub, `${id(i)}_step_${i}.ts`), fileText(id(i), down, `step ${i}`));
    if (i > 0 && i % Math.max(1, Math.floor(n / 10)) === 0 && i + 5 < n) {
      let side = id(i);
      for (let k = 1; k <= 3; k++) {
        const sid = `b${i.toString(16)}x${k}`;
        fs.writeFileSync(path.join(sub, `${sid}_side.ts`), fileText(sid, side, `side ${i}.${k}`));
        side = sid;
      }
      pendingMerges.set(i + 5, side);
    }
    previous = id(i);
  }
  return dir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

for (const n of [1000, 10000]) {
  const dir = writeProject(n);
  const scan: number[] = [];
  const build: number[] = [];
  const headsMs: number[] = [];
  const plan: number[] = [];
  const down: number[] = [];
  let size = 0;
  for (let run = 0; run < RUNS; run++) {
    const [headers, scanMs] = time(() => scanRevisionFolders([dir]));
    const [graph, buildMs] = time(() => RevisionGraph.build(headers));
    const [, hMs] = time(() => graph.heads.length);
    const [up, planMs] = time(() => planUpgrade(graph, [], "head"));
    const [, downMs] = time(() => planDowngrade(graph, up.rowsAfter, "base"));
    down.push(downMs);
    scan.push(scanMs);
    build.push(buildMs);
    headsMs.push(hMs);
    plan.push(planMs);
    size = graph.size;
  }
  const f = (ms: number): string => `${ms.toFixed(1)} ms`;
  console.log(
    `${size} revisions: scan ${f(median(scan))}, build ${f(median(build))}, heads ${f(median(headsMs))}, ` +
      `plan base->head ${f(median(plan))}, plan head->base ${f(median(down))} (median of ${RUNS})`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}
