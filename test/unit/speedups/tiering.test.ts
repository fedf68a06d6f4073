/**
 * optimiseOnlyWhatStaysHot takes effect on this Node: a hot function is
 * optimised by TurboFan after several times as many calls as without it,
 * and still optimised. Counted with V8's own status bits
 * (--allow-natives-syntax), with compilation made synchronous so the count
 * does not depend on timing. (Should Node stop reading the flag at run
 * time, this fails and the speed-up should go.)
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** src/ modules compile as the child requires them. */
const TS_HOOK = join(__dirname, "..", "..", "helpers", "ts-require-hook.js");

const CHILD = `
"use strict";
if (process.env.LATER === "1") require(process.env.MODULE).optimiseOnlyWhatStaysHot();
function work(a) { let s = 0; for (let i = 0; i < 50; i++) s += (a * i) % 7; return s; }
const TURBOFANNED = 1 << 4;
let calls = 0;
while (calls < 1000000 && (%GetOptimizationStatus(work) & TURBOFANNED) === 0) work(calls++);
console.log(calls);
`;

function callsUntilOptimised(later: boolean): number {
  const result = spawnSync(process.execPath, ["--allow-natives-syntax", "--no-concurrent-recompilation", "-r", TS_HOOK, "-e", CHILD], {
    cwd: join(__dirname, "..", "..", ".."),
    env: { ...process.env, LATER: later ? "1" : "0", MODULE: join(__dirname, "..", "..", "..", "src", "speedups", "tiering.ts"), MIGRATOR_SPEEDUPS: "" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`child exited ${result.status}: ${result.stderr}`);
  return Number(result.stdout.trim());
}

describe("TurboFan for what stays hot", () => {
  it("optimises a hot function after several times as many calls, and still optimises it", () => {
    const plain = callsUntilOptimised(false);
    const later = callsUntilOptimised(true);
    expect(plain).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(plain * 3);
    expect(later).toBeLessThan(1000000);
  });
});
