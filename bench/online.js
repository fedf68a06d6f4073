"use strict";
// `npm run bench -- online [--rows N] [--hold MS]`: issue 13's measurement. A table
// of N rows (default 1,000,000) under a steady load from 8 clients; for each of the
// six entity changes, migrator's generated revision and TypeORM's
// `migration:generate` output are applied, each on a fresh copy of the table
// (CREATE DATABASE ... TEMPLATE), and the clients' longest wait during the
// migration is compared. Then one run per tool with a long transaction open on
// the table: do readers queue behind the ALTER?
const { spawn } = require("node:child_process");
const { readdirSync, readFileSync, writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");
const lib = require("./lib");
const project = require("./online-project");
const { windowStats } = require("./online-stats");

const WARM_MS = 2000; // load before the migration: the clients' normal latency
const AFTER_MS = 1000; // load after it: queries it held finish and are counted

/** `node script ...args` without blocking this process's event loop (the long-transaction run watches from here). */
function runAsync(script, args, cwd) {
  return new Promise((resolve) => {
    const start = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => {
      const end = performance.timeOrigin + performance.now();
      resolve({ start, end, ms: end - start, code, stdout, stderr });
    });
  });
}

function startLoad(url, rows, out) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, "online-load.js"), url, out, String(rows)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("error", reject);
    child.once("exit", (code) => code && reject(new Error(`load process exited ${code}`)));
    child.once("message", () =>
      resolve({
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done(JSON.parse(readFileSync(out, "utf8"))));
            child.send("stop");
          }),
      }),
    );
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function withClient(url, fn) {
  const { Client } = require("pg");
  const client = new Client({ connectionString: url, application_name: "online-bench-observer" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The base schema (built by TypeORM's synchronize from the base entities) filled with N rows, as a template database. */
async function buildTemplate(rows) {
  const template = `bench_online_tpl_${rows}`;
  const dir = lib.workDir("online-base");
  mkdirSync(join(dir, "js"));
  writeFileSync(join(dir, "js", "model.js"), lib.compileTs(project.entitySource(null)));
  const url = await lib.freshDatabase(template);
  lib.expectExit(lib.runNode(join(__dirname, "typeorm-schema-log.js"), [join(dir, "js"), url, "--apply"]), [0], "setup: base schema");
  await withClient(url, async (client) => {
    for (const sql of project.fillSql(rows)) await client.query(sql);
  });
  return template;
}

/** A fresh copy of the table, the tool's migration for `change` generated against it (not timed). */
async function prepare(template, change, tool, online) {
  const db = `bench_online_${tool}`;
  await lib.dropDatabase(db);
  await lib.admin(`CREATE DATABASE "${db}" TEMPLATE "${template}"`);
  const url = lib.dbUrl(db);
  const dir = lib.workDir(`online-${tool}-${change}`);
  if (tool === "migrator") {
    project.writeMigratorProject(dir, change, url, online);
    lib.expectExit(lib.runNode(lib.MIGRATOR, ["revision", "--autogenerate", "-m", change], { cwd: dir }), [0], `migrator revision --autogenerate (${change})`);
    // online forms may come as more than one revision (a locking phase, a non-transactional one): upgrade head applies all
    const files = readdirSync(join(dir, "migrations")).filter((f) => /\.(ts|sql)$/.test(f));
    const generated = inChainOrder(files.map((file) => readFileSync(join(dir, "migrations", file), "utf8"))).map(upgradeBody).join("\n-- next revision\n");
    return { db, url, apply: () => runAsync(lib.MIGRATOR, ["upgrade", "head"], dir), generated };
  }
  const dataSource = project.writeTypeormProject(dir, change, url);
  lib.expectExit(lib.runNode(lib.TYPEORM_CLI, ["migration:generate", "-d", dataSource, "-o", join(dir, "migrations", "Change")]), [0], `typeorm migration:generate (${change})`);
  const file = readdirSync(join(dir, "migrations")).find((f) => f.endsWith(".js"));
  const text = readFileSync(join(dir, "migrations", file), "utf8");
  const up = text.slice(text.indexOf("async up"), text.indexOf("async down"));
  const generated = [...up.matchAll(/queryRunner\.query\(`([^`]*)`/g)].map((m) => m[1]).join(";\n");
  return { db, url, apply: () => runAsync(lib.TYPEORM_CLI, ["migration:run", "-d", dataSource], dir), generated };
}

/** Revision texts parent first (file names are random ids); what does not chain keeps its place at the end. */
function inChainOrder(texts) {
  const id = (t) => /export const revision = "([^"]+)"/.exec(t)?.[1];
  const parent = (t) => /export const downRevision[^=]*= "([^"]+)"/.exec(t)?.[1] ?? null;
  const ordered = [];
  for (let current = null; ; ) {
    const next = texts.find((t) => parent(t) === current && !ordered.includes(t));
    if (!next) break;
    ordered.push(next);
    current = id(next);
  }
  return [...ordered, ...texts.filter((t) => !ordered.includes(t))];
}

/** The statements of a revision's upgrade(), for the results file (a reviewer reads what was measured). */
function upgradeBody(text) {
  const start = text.indexOf("export async function upgrade");
  const end = text.indexOf("export async function downgrade");
  if (start < 0 || end < start) return text;
  return text.slice(start, end).split("\n").slice(1, -3).map((line) => line.trim()).join("\n");
}

const tail = (result) => `${result.stderr}\n${result.stdout}`.trim().split("\n").slice(-3).join(" | ").slice(0, 400);
const notesSql = 'SELECT count("note")::int AS notes FROM "orders"';

/** One tool, one change: load, migration, load; the clients' figures around it. */
async function measure(template, change, tool, rows, online, hold = null) {
  const { db, url, apply, generated } = await prepare(template, change, tool, online);
  const notesBefore = (await withClient(url, (c) => c.query(notesSql))).rows[0].notes;
  const load = await startLoad(url, rows, join(lib.WORK, `online-load-${process.pid}.json`));
  const loadStart = performance.timeOrigin + performance.now();
  await sleep(WARM_MS);
  let holder = null;
  let watch = null;
  if (hold) {
    holder = await heldTransaction(url, hold);
    watch = watchLockWaits(url);
    await sleep(500);
  }
  const migration = await apply();
  const holdEnd = holder ? await holder.done : null;
  const queued = watch ? await watch.stop() : null;
  await sleep(AFTER_MS);
  const { records, errors } = await load.stop();
  const notesAfter = (await withClient(url, (c) => c.query(notesSql))).rows[0].notes;
  await lib.dropDatabase(db);
  const from = holder ? holder.start : migration.start;
  const to = holder ? Math.max(migration.end, holdEnd) : migration.end;
  return {
    change,
    tool,
    migration: { ms: Math.round(migration.ms), exit: migration.code, ...(migration.code ? { output: tail(migration) } : {}) },
    ...windowStats(records, loadStart, from, to),
    loadErrors: errors,
    notesKept: notesAfter >= notesBefore,
    ...(queued ? { readersQueued: queued.readers > 0, mostReadersWaitingOnLock: queued.readers, mostClientsWaitingOnLock: queued.all, holdMs: hold } : {}),
    generated,
  };
}

/** A client that reads the table inside a transaction and keeps it open `ms` (its ACCESS SHARE lock with it). */
async function heldTransaction(url, ms) {
  const { Client } = require("pg");
  const client = new Client({ connectionString: url, application_name: "online-bench-long-transaction" });
  await client.connect();
  await client.query("BEGIN");
  await client.query('SELECT count(*) FROM "orders" WHERE "id" < 100');
  const start = performance.timeOrigin + performance.now();
  const done = sleep(ms).then(async () => {
    await client.query("COMMIT");
    await client.end();
    return performance.timeOrigin + performance.now();
  });
  return { start, done };
}

/** Polls pg_stat_activity: how many load clients, and how many readers, wait on a lock at once (the queue behind an ALTER). */
function watchLockWaits(url) {
  const max = { all: 0, readers: 0 };
  let stopped = false;
  const running = withClient(url, async (client) => {
    while (!stopped) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS all, count(*) FILTER (WHERE application_name = 'online-bench-load-read')::int AS readers FROM pg_stat_activity WHERE application_name LIKE 'online-bench-load-%' AND wait_event_type = 'Lock'",
      );
      max.all = Math.max(max.all, rows[0].all);
      max.readers = Math.max(max.readers, rows[0].readers);
      await sleep(25);
    }
  });
  return { stop: async () => ((stopped = true), await running, max) };
}

async function run(options = {}) {
  const rows = Number(options.rows ?? 1_000_000);
  // well past a CLI's start-up (seconds on a loaded machine): with 5 s the ALTERs arrived near the end of
  // the hold, so the waits measured start-up times rather than whether readers queue behind the ALTER
  const hold = Number(options.hold ?? 15000);
  const online = project.migratorHasOnline();
  const ddlLockTimeout = project.migratorHasDdlLockTimeout();
  console.log(`  ${rows} rows; migrator ${online ? "with `online: true`" : "without an `online` setting (not in this build: plain forms)"}; DDL lock_timeout in the runtime: ${ddlLockTimeout ? "yes" : "no"}`);
  const template = await buildTemplate(rows);
  const changes = [];
  try {
    for (const [i, change] of project.CHANGES.entries()) {
      const order = i % 2 ? ["typeorm", "migrator"] : ["migrator", "typeorm"];
      const sides = {};
      for (const tool of order) sides[tool] = await measure(template, change, tool, rows, online);
      changes.push({ change, migrator: sides.migrator, typeorm: sides.typeorm, ratio: ratio(sides) });
      require("./online-report").printRow(changes[changes.length - 1]);
    }
    const longTransaction = { change: "add-column-default" };
    for (const tool of ["migrator", "typeorm"]) longTransaction[tool] = await measure(template, longTransaction.change, tool, rows, online, hold);
    require("./online-report").printLongTransaction(longTransaction);
    const result = { runs: 1, rows, clients: 8, paceMs: 10, online, ddlLockTimeout, changes, longTransaction };
    require("./online-report").writeReadme(result);
    return result;
  } finally {
    if (!process.env.BENCH_KEEP_TEMPLATE) await lib.dropDatabase(template);
  }
}

function ratio(sides) {
  const m = sides.migrator.maxWaitMs;
  const t = sides.typeorm.maxWaitMs;
  return m == null || !t ? null : Math.round((m / t) * 1000) / 1000;
}

module.exports = { run, measure, buildTemplate };
