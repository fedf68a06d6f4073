/**
 * growYoungGenerationFaster takes effect on this Node: in a child process
 * that allocates objects that survive, V8's young generation reaches a
 * larger size after the same work, and in fewer scavenges, than without it.
 * (Node may stop reading the flag at run time; then this fails and the
 * speed-up should go.)
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** src/ modules compile as the child requires them. */
const TS_HOOK = join(__dirname, "..", "..", "helpers", "ts-require-hook.js");

const CHILD = `
"use strict";
if (process.env.GROW === "1") require(process.env.MODULE).growYoungGenerationFaster();
const { getHeapSpaceStatistics } = require("node:v8");
const kept = [];
for (let i = 0; i < 60000; i++) kept.push({ i, name: "n" + i, list: [i, i + 1] });
const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_size;
console.log(JSON.stringify({ newSpace, kept: kept.length }));
`;

function child(grow: boolean): { newSpace: number; scavenges: number } {
  // V8 prints a line per collection with --trace-gc
  const result = spawnSync(process.execPath, ["--trace-gc", "-r", TS_HOOK, "-e", CHILD], {
    cwd: join(__dirname, "..", "..", ".."),
    env: { ...process.env, GROW: grow ? "1" : "0", MODULE: join(__dirname, "..", "..", "..", "src", "speedups", "young-generation.ts"), MIGRATOR_SPEEDUPS: "" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`child exited ${result.status}: ${result.stderr}`);
  const lines = result.stdout.trim().split("\n");
  const { newSpace } = JSON.parse(lines.find((line) => line.startsWith("{"))!) as { newSpace: number };
  return { newSpace, scavenges: lines.filter((line) => line.includes("Scavenge")).length };
}

describe("the young generation grows faster", () => {
  it("reaches a larger young generation in fewer scavenges for the same surviving allocations", () => {
    const plain = child(false);
    const grown = child(true);
    expect(grown.newSpace).toBeGreaterThan(plain.newSpace);
    expect(grown.scavenges).toBeLessThan(plain.scavenges);
  });
});
