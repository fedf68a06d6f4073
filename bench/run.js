#!/usr/bin/env node
// `npm run bench`: every scenario as whole processes, migrator and TypeORM
// alternating, warm-up then BENCH_RUNS (default 7) runs each. Prints
// min/median/max and the ratio of medians, writes bench/results/<scenario>.json,
// bench/results/README-table.md and the README's Benchmarks table.
//   node bench/run.js                      all scenarios (builds dist/ first)
//   node bench/run.js heads cold-start     some of them
//   BENCH_RUNS=2 node bench/run.js         fewer runs while developing
//   node bench/run.js online --rows 100000  issue 13's load test (only when named)
"use strict";
const { execFileSync } = require("node:child_process");
const lib = require("./lib");
const { writeTables } = require("./report");

const SCENARIOS = {
  "autogenerate-300": () => require("./scenarios/autogenerate").run(300),
  "autogenerate-300-cold": () => require("./scenarios/autogenerate").runCold(300),
  "autogenerate-3000": () => require("./scenarios/autogenerate").run(3000),
  "autogenerate-300-mariadb": () => require("./scenarios/autogenerate-mariadb").run(300),
  history: () => require("./scenarios/history").run(1000),
  upgrade: () => require("./scenarios/upgrade").run(1000),
  heads: () => require("./scenarios/heads").run(10000),
  "cold-start": () => require("./scenarios/cold-start").run(),
  fleet: () => require("./fleet").run(),
  online: (options) => require("./online").run(options),
};
/** Named only: minutes of load per change, and its own README block. */
const OPT_IN = new Set(["online"]);

/** `--rows 100000` style options after the scenario names, for the scenarios that take them. */
function parseArgs(argv) {
  const names = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) options[argv[i].slice(2)] = argv[++i];
    else names.push(argv[i]);
  }
  return { names, options };
}

const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

/** Drops the captured output of the last run; keeps the figures. */
function plain(value) {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "last" ? undefined : v)));
}

function printFigures(name, result) {
  const groups = result.figures ? { "": result.figures } : Object.fromEntries(Object.entries(result).filter(([, v]) => v && typeof v === "object" && !Array.isArray(v)));
  for (const [group, figures] of Object.entries(groups)) {
    for (const [side, f] of Object.entries(figures)) {
      if (!f?.ms) continue;
      const extra = f.queries ? `, ${f.queries} queries` : "";
      console.log(`  ${group ? `${group} ` : ""}${side.padEnd(9)} min ${ms(f.ms.min)}  median ${ms(f.ms.median)}  max ${ms(f.ms.max)}  (peak RSS ${f.maxRssMiB} MiB${extra})`);
    }
    if (figures.migrator?.ms && figures.typeorm?.ms) console.log(`  ${group ? `${group} ` : ""}ratio of medians (migrator / TypeORM): ${(figures.migrator.ms.median / figures.typeorm.ms.median).toFixed(2)}`);
  }
  if (result.migratorFailed) console.log(`  migrator failed: ${result.migratorFailed}`);
}

async function main() {
  const { names: wanted, options } = parseArgs(process.argv.slice(2));
  const unknown = wanted.filter((w) => !(w in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(", ")}; known: ${Object.keys(SCENARIOS).join(", ")}`);
  if (!process.env.BENCH_NO_BUILD) execFileSync("npm", ["run", "--silent", "build"], { cwd: lib.ROOT, stdio: "inherit" });
  const started = Date.now();
  for (const name of wanted.length ? wanted : Object.keys(SCENARIOS).filter((n) => !OPT_IN.has(n))) {
    const t0 = Date.now();
    // other work on the machine skews whole-process timings: keep the load next to the figures
    const loadAverage = require("node:os").loadavg().map((l) => Math.round(l * 10) / 10);
    console.log(`${name}:`);
    let result;
    try {
      result = await SCENARIOS[name](options);
    } catch (error) {
      result = { failed: String(error instanceof Error ? error.message : error).split("\n")[0] };
      if (process.env.BENCH_DEBUG) console.error(error);
    }
    if (result.skipped) console.log(`  skipped: ${result.skipped}`);
    else if (result.failed) console.log(`  failed: ${result.failed}`);
    else if (!OPT_IN.has(name)) printFigures(name, result); // the opt-in ones print as they go
    lib.writeResult(name, { scenario: name, runs: lib.RUNS, machine: lib.machine(), loadAverage, seconds: Math.round((Date.now() - t0) / 1000), ...plain(result) });
  }
  if (!wanted.length || wanted.some((n) => !OPT_IN.has(n))) writeTables();
  console.log(`total ${((Date.now() - started) / 60000).toFixed(1)} min; results in bench/results/, table in bench/results/README-table.md and README.md`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
