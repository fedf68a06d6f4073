"use strict";
// Scenario 4: `migrator heads` on 10000 revisions (branches and merges, one head),
// as a process; plus an in-process breakdown (scan, graph build, heads, full
// plans) from dist/, which replaced bench/graph.ts, to show where the time goes.
const { performance } = require("node:perf_hooks");
const { join } = require("node:path");
const lib = require("../lib");
const { writeMigratorProject, branchy, migrator } = require("./revisions");

function breakdown(dir, runs) {
  const { scanRevisionFolders } = require(join(lib.ROOT, "dist", "revisions", "scan"));
  const { RevisionGraph } = require(join(lib.ROOT, "dist", "revisions", "graph"));
  const { planUpgrade, planDowngrade } = require(join(lib.ROOT, "dist", "revisions", "plan"));
  const time = (fn, into) => {
    const start = performance.now();
    const value = fn();
    into.push(performance.now() - start);
    return value;
  };
  const phases = { scan: [], build: [], heads: [], planUp: [], planDown: [] };
  for (let run = 0; run <= runs; run++) {
    const headers = time(() => scanRevisionFolders([join(dir, "migrations")]), phases.scan);
    const graph = time(() => RevisionGraph.build(headers), phases.build);
    time(() => graph.heads.length, phases.heads);
    const up = time(() => planUpgrade(graph, [], "head"), phases.planUp);
    time(() => planDowngrade(graph, up.rowsAfter, "base"), phases.planDown);
    if (run === 0) for (const list of Object.values(phases)) list.length = 0; // warm-up
  }
  return Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, lib.summarise(v)]));
}

async function run(n = 10000) {
  const dir = lib.workDir(`heads-${n}`);
  writeMigratorProject(dir, n, lib.dbUrl("bench_heads_unused"), branchy);
  const figures = await lib.alternate({
    migrator: { run: () => lib.expectExit(migrator(dir, "heads"), [0], "migrator heads") },
  });
  const heads = figures.migrator.last.stdout.trim().split("\n").filter(Boolean);
  if (heads.length !== 1) throw new Error(`expected one head, migrator heads printed:\n${heads.slice(0, 5).join("\n")}`);
  return { revisions: n, figures, inProcessMs: breakdown(dir, lib.RUNS) };
}

module.exports = { run };
