"use strict";
// Shared by the benchmark scripts: medians, machine description, result files.
const { mkdirSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const { join } = require("node:path");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    versions: {
      migrator: require("../package.json").version,
      typeorm: JSON.parse(require("node:fs").readFileSync(join(__dirname, "..", "node_modules", "typeorm", "package.json"), "utf8")).version,
    },
  };
}

function writeResult(name, result) {
  const dir = join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

module.exports = { median, machine, writeResult };

// ---- added for `npm run bench` (bench/run.js and bench/scenarios/*) ----
const { spawnSync } = require("node:child_process");
const { existsSync, readFileSync, rmSync } = require("node:fs");

const ROOT = join(__dirname, "..");
const WORK = join(ROOT, "bench", "work");
const COUNTER = join(__dirname, "count-queries.js");
const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";

/** Runs per side; BENCH_RUNS lowers it while developing. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));

function dbUrl(name) {
  return `${PG_URL}/${name}`;
}

/** Runs one statement on the maintenance database. */
async function admin(sql) {
  const { Client } = require("pg");
  const client = new Client({ connectionString: dbUrl("postgres") });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database (any previous one of that name is dropped, sessions and all). */
async function freshDatabase(name) {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  return dbUrl(name);
}

async function dropDatabase(name) {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A clean folder under bench/work (inside the repo, so typeorm resolves from its node_modules). */
function workDir(name) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Runs `node <script> ...args` as a whole process with the query-counting preload.
 * Returns wall time, exit code, output, SQL round trips (pg Client#query calls) and peak RSS.
 */
function runNode(script, args, options = {}) {
  mkdirSync(WORK, { recursive: true });
  const statsFile = join(WORK, `.stats-${process.pid}.json`);
  rmSync(statsFile, { force: true });
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["-r", COUNTER, script, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env, BENCH_STATS_FILE: statsFile },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, "utf8")) : { queries: null, maxRssMiB: null };
  rmSync(statsFile, { force: true });
  return { ms, code: child.status, stdout: child.stdout ?? "", stderr: child.stderr ?? "", ...stats };
}

/** Fails loudly when a measured process did not do what was measured. */
function expectExit(result, codes, what) {
  if (!codes.includes(result.code)) {
    const tail = `${result.stderr}\n${result.stdout}`.trim().split("\n").slice(-8).join("\n");
    throw new Error(`${what}: exit ${result.code} (expected ${codes.join(" or ")})\n${tail}`);
  }
  return result;
}

function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: median(sorted), max: sorted[sorted.length - 1], runs: sorted };
}

/**
 * Measures sides (name -> { run(): result, before?(): Promise, runs?, warmUp? }) as
 * whole processes, alternating them within each round (order flipped every round),
 * one warm-up round first. `before` prepares a side (e.g. a fresh database) outside
 * the timing. A side may take fewer runs (`runs`) and skip the warm-up (`warmUp: false`)
 * when one run of it takes minutes; its runs then sit in the middle rounds.
 */
async function alternate(sides, runs = RUNS) {
  const names = Object.keys(sides);
  const samples = Object.fromEntries(names.map((n) => [n, { ms: [], queries: [], maxRssMiB: [], last: null }]));
  const wantedRuns = (name) => Math.min(runs, sides[name].runs ?? runs);
  for (let round = 0; round <= runs; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const side = sides[name];
      const measured = round > 0;
      if (!measured && side.warmUp === false) continue;
      const first = 1 + Math.floor((runs - wantedRuns(name)) / 2);
      if (measured && (round < first || round >= first + wantedRuns(name))) continue;
      if (side.before) await side.before();
      const result = side.run();
      if (!measured) continue; // warm-up: caches, page cache, the server's plan and catalog caches
      samples[name].ms.push(result.ms);
      samples[name].queries.push(result.queries);
      samples[name].maxRssMiB.push(result.maxRssMiB);
      samples[name].last = result;
    }
  }
  return Object.fromEntries(
    names.map((n) => [
      n,
      {
        ms: summarise(samples[n].ms),
        queries: samples[n].queries.every((q) => q === null) ? null : Math.max(...samples[n].queries),
        maxRssMiB: samples[n].maxRssMiB.every((q) => q === null) ? null : Math.max(...samples[n].maxRssMiB),
        last: samples[n].last,
      },
    ]),
  );
}

/** The CLI's command list and one command's options, to skip scenarios whose command has not landed. */
function migratorHas(command, option) {
  const top = spawnSync(process.execPath, [join(ROOT, "bin", "migrator.js"), "--help"], { encoding: "utf8" });
  if (!new RegExp(`^\\s+migrator ${command}\\b`, "m").test(top.stdout ?? "")) return false;
  if (!option) return true;
  const sub = spawnSync(process.execPath, [join(ROOT, "bin", "migrator.js"), command, "--help"], { encoding: "utf8" });
  return (sub.stdout ?? "").includes(option);
}

/** TypeScript to CommonJS the way a build step would (decorator metadata kept), for TypeORM's side. */
function compileTs(source) {
  const swc = require("@swc/core");
  return swc.transformSync(source, {
    jsc: { parser: { syntax: "typescript", decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: "es2022", keepClassNames: true },
    module: { type: "commonjs" },
    swcrc: false,
  }).code;
}

/** migrator.config.ts for a generated project. */
function migratorConfig(url, entities = "entities/*.ts") {
  return `export default {\n  entities: [${JSON.stringify(entities)}],\n  migrations: "migrations",\n  database: { url: ${JSON.stringify(url)} },\n};\n`;
}

const MIGRATOR = join(ROOT, "bin", "migrator.js");
const TYPEORM_CLI = join(ROOT, "node_modules", "typeorm", "cli.js");

module.exports = {
  ...module.exports,
  ROOT,
  WORK,
  RUNS,
  MIGRATOR,
  TYPEORM_CLI,
  dbUrl,
  admin,
  freshDatabase,
  dropDatabase,
  workDir,
  runNode,
  expectExit,
  summarise,
  alternate,
  migratorHas,
  compileTs,
  migratorConfig,
};
