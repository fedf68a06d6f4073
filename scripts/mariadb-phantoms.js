#!/usr/bin/env node
"use strict";
// Issue 15's comparison: after TypeORM's own `synchronize` of an entity set on
// MariaDB, what does each tool still want to change? TypeORM's
// createSchemaBuilder().log() and `migrator check` on the same database,
// for the MySQL fixture sets and for random EntitySchema sets (the generator
// test/db/mysql/random-sets.test.ts draws from, a fixed seed). Anything either
// lists is a phantom change. Prints a table, writes
// bench/results/mariadb-phantoms.json.
//   node scripts/mariadb-phantoms.js        (needs `npm run build` and MariaDB at MYSQL_URL or 127.0.0.1:3306)
//   RANDOM_SETS=N RANDOM_SEED=S              (default 50 sets, seed 20261206)
const { spawnSync } = require("node:child_process");
const { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const Module = require("node:module");

const ROOT = join(__dirname, "..");
const ADMIN = process.env.MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
const SETS = [
  "mysql",
  "mysql-v2",
  "mysql-core",
  "mysql-core-v2",
  "mysql-phantoms",
  "mysql-phantoms-v2",
  "mysql-trees",
  "mysql-trees-v2",
  "mysql-inheritance",
  "mysql-inheritance-v2",
  "mysql-sti-closure",
  "mysql-junctions",
  "mysql-junctions-v2",
  "mysql-one-table",
  "mysql-databases",
  "mysql-databases-v2",
];
const RANDOM_SETS = Number(process.env.RANDOM_SETS ?? 50);
const RANDOM_SEED = Number(process.env.RANDOM_SEED ?? 20_261_206);

// the fixtures are TypeScript with decorators: compiled as the test suite compiles them
const swc = require("@swc/core");
const options = {
  jsc: { parser: { syntax: "typescript", decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: "es2022", keepClassNames: true },
  module: { type: "commonjs" },
  swcrc: false,
};
Module._extensions[".ts"] = (module, filename) => module._compile(swc.transformSync(readFileSync(filename, "utf8"), { ...options, filename }).code, filename);

/** Statements on one admin session, in turn. */
async function admin(...statements) {
  const mysql = require("mysql2/promise");
  const connection = await mysql.createConnection({ uri: ADMIN });
  try {
    for (const sql of statements) await connection.query(sql);
  } finally {
    await connection.end();
  }
}

async function withDatabase(name, fn) {
  const db = `phantoms_${name.replace(/\W/g, "_")}`;
  const url = Object.assign(new URL(ADMIN), { pathname: `/${db}` }).toString();
  await admin(`DROP DATABASE IF EXISTS \`${db}\``);
  await admin(`CREATE DATABASE \`${db}\``);
  try {
    return await fn(url);
  } finally {
    await admin(`DROP DATABASE IF EXISTS \`${db}\``);
  }
}

/** TypeORM's synchronize of `entities`, then what its own schema builder still wants to run. */
async function typeormPhantoms(url, entities) {
  const { DataSource } = require("typeorm");
  const dataSource = new DataSource({ type: "mariadb", url, entities, synchronize: true, logging: false });
  await dataSource.initialize();
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    return log.upQueries.map((q) => q.query.replace(/\s+/g, " ").trim());
  } finally {
    await dataSource.destroy();
  }
}

/** A fixture set: migrator's check through the CLI, as a user runs it. */
async function measure(set) {
  const file = join(ROOT, "test", "fixtures", "entities", set, "index.ts");
  // a set with tables in other databases names them (DATABASES): synchronize needs them to exist
  const { entities, DATABASES = [] } = require(file);
  // their tables refer to each other's: dropped with the checks off
  const dropOthers = () => admin("SET FOREIGN_KEY_CHECKS = 0", ...DATABASES.map((name) => `DROP DATABASE IF EXISTS \`${name}\``));
  await dropOthers();
  for (const name of DATABASES) await admin(`CREATE DATABASE \`${name}\``);
  try {
    return await measureIn(set, file, entities);
  } finally {
    await dropOthers();
  }
}

async function measureIn(set, file, entities) {
  return withDatabase(set, async (url) => {
    const typeorm = await typeormPhantoms(url, entities);
    const dir = mkdtempSync(join(tmpdir(), "mariadb-phantoms-"));
    try {
      mkdirSync(join(dir, "migrations"));
      writeFileSync(join(dir, "migrator.config.ts"), `export default { entities: [${JSON.stringify(file)}], database: { url: ${JSON.stringify(url)} } };\n`);
      const check = spawnSync(process.execPath, [join(ROOT, "bin", "migrator.js"), "check", "--json"], { cwd: dir, encoding: "utf8" });
      if (check.status !== 0 && check.status !== 1) throw new Error(`migrator check failed on ${set}: ${check.stderr.trim().split("\n")[0]}`);
      const migrator = check.status === 0 ? [] : JSON.parse(check.stdout).operations.map((o) => o.description ?? JSON.stringify(o.op));
      return { set, typeorm, migrator };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** The random EntitySchema sets (in memory, so migrator's check runs through its API, in this process). */
async function measureRandom() {
  const fc = require("fast-check");
  const { mysqlEntitySets } = require(join(ROOT, "test", "fixtures", "random", "mysql-entity-sets.ts"));
  const { EntitySchema } = require("typeorm");
  const { createMigrator } = require(join(ROOT, "dist", "index.js"));
  const samples = fc.sample(mysqlEntitySets, { seed: RANDOM_SEED, numRuns: RANDOM_SETS });
  const results = [];
  for (const [i, schemas] of samples.entries()) {
    results.push(
      await withDatabase(`random_${i}`, async (url) => {
        const typeorm = await typeormPhantoms(url, schemas.map((options) => new EntitySchema(options)));
        const dir = mkdtempSync(join(tmpdir(), "mariadb-phantoms-"));
        try {
          const entities = schemas.map((options) => new EntitySchema(options));
          const migrator = createMigrator({ config: { entities, migrations: join(dir, "migrations"), database: { url } } });
          const check = await migrator.check();
          return { set: `random #${i}`, tables: schemas.length, typeorm, migrator: check.operations.map((o) => o.description) };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
    );
  }
  return results;
}

/** A query with its table, column and index names and its values blanked: what kind of change it is. */
function kind(query) {
  return query
    .replace(/`(t|c|g|r|IDX_t|FT_t)[\w]*`/g, "`…`")
    .replace(/ (enum|set) \(.*?\)(?= (NOT NULL|NULL))/, " $1(…)")
    .replace(/(datetime|timestamp|CURRENT_TIMESTAMP)\(\d\)/g, "$1(n)")
    .replace(/ DEFAULT .*$/, " DEFAULT …")
    .replace(/ ON `…` \(.*\)$/, " ON `…` (…)");
}

/** What a list of TypeORM queries re-does, in short: `CHANGE table.column` or the statement's start. */
function gist(query) {
  const change = /^ALTER TABLE `([^`]+)` CHANGE `([^`]+)`/.exec(query);
  if (change) return `CHANGE ${change[1]}.${change[2]}`;
  return query.replace(/`/g, "").slice(0, 60);
}

async function main() {
  const results = [];
  for (const set of SETS) results.push(await measure(set));
  const random = RANDOM_SETS > 0 ? await measureRandom() : [];
  const { version } = JSON.parse(readFileSync(join(ROOT, "node_modules", "typeorm", "package.json"), "utf8"));
  console.log(`| entity set | TypeORM ${version}: changes after its own synchronize | migrator: changes after TypeORM's synchronize |`);
  console.log("|---|---|---|");
  for (const r of results) console.log(`| ${r.set} | ${r.typeorm.length}${r.typeorm.length ? `: ${r.typeorm.map((q) => `\`${gist(q)}\``).join("; ")}` : ""} | ${r.migrator.length}${r.migrator.length ? `: ${r.migrator.join("; ")}` : ""} |`);
  if (random.length > 0) {
    const count = (list) => list.reduce((n, r) => n + r.length, 0);
    const typeormSets = random.filter((r) => r.typeorm.length > 0).length;
    const migratorSets = random.filter((r) => r.migrator.length > 0).length;
    console.log(
      `| ${random.length} random sets (seed ${RANDOM_SEED}, ${random.reduce((n, r) => n + r.tables, 0)} tables) | ${count(random.map((r) => r.typeorm))} in ${typeormSets} sets | ${count(random.map((r) => r.migrator))} in ${migratorSets} sets |`,
    );
  }
  if (random.length > 0) {
    const kinds = new Map();
    for (const r of random) for (const q of r.typeorm) kinds.set(kind(q), (kinds.get(kind(q)) ?? 0) + 1);
    console.log(`\nTypeORM's changes on the random sets, by kind:`);
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${k}`);
  }
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  const summary = { sets: random.length, seed: RANDOM_SEED, typeormSets: random.filter((r) => r.typeorm.length > 0).length, migratorSets: random.filter((r) => r.migrator.length > 0).length };
  writeFileSync(join(ROOT, "bench", "results", "mariadb-phantoms.json"), `${JSON.stringify({ measured: new Date().toISOString(), typeorm: version, results, random: { ...summary, results: random } }, null, 1)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
