#!/usr/bin/env node
"use strict";
// Issue 15's comparison: after TypeORM's own `synchronize` of an entity set on
// MariaDB, what does each tool still want to change? TypeORM's
// createSchemaBuilder().log() and `migrator check` on the same database,
// for the MySQL fixture sets. Anything either lists is a phantom change.
// Prints a table, writes bench/results/mariadb-phantoms.json.
//   node scripts/mariadb-phantoms.js        (needs `npm run build` and MariaDB at MYSQL_URL or 127.0.0.1:3306)
const { spawnSync } = require("node:child_process");
const { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const Module = require("node:module");

const ROOT = join(__dirname, "..");
const ADMIN = process.env.MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
const SETS = ["mysql", "mysql-v2"];

// the fixtures are TypeScript with decorators: compiled as the test suite compiles them
const swc = require("@swc/core");
const options = {
  jsc: { parser: { syntax: "typescript", decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: "es2022", keepClassNames: true },
  module: { type: "commonjs" },
  swcrc: false,
};
Module._extensions[".ts"] = (module, filename) => module._compile(swc.transformSync(readFileSync(filename, "utf8"), { ...options, filename }).code, filename);

async function admin(sql) {
  const mysql = require("mysql2/promise");
  const connection = await mysql.createConnection({ uri: ADMIN });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

async function measure(set) {
  const db = `phantoms_${set.replace(/\W/g, "_")}`;
  const url = Object.assign(new URL(ADMIN), { pathname: `/${db}` }).toString();
  await admin(`DROP DATABASE IF EXISTS \`${db}\``);
  await admin(`CREATE DATABASE \`${db}\``);
  const file = join(ROOT, "test", "fixtures", "entities", set, "index.ts");
  const { DataSource } = require("typeorm");
  const { entities } = require(file);
  const dataSource = new DataSource({ type: "mariadb", url, entities, synchronize: true, logging: false });
  await dataSource.initialize();
  let typeorm;
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    typeorm = log.upQueries.map((q) => q.query.replace(/\s+/g, " ").trim());
  } finally {
    await dataSource.destroy();
  }
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
    await admin(`DROP DATABASE IF EXISTS \`${db}\``);
  }
}

async function main() {
  const results = [];
  for (const set of SETS) results.push(await measure(set));
  const { version } = JSON.parse(readFileSync(join(ROOT, "node_modules", "typeorm", "package.json"), "utf8"));
  console.log(`| entity set | TypeORM ${version}: changes after its own synchronize | migrator: changes after TypeORM's synchronize |`);
  console.log("|---|---|---|");
  for (const r of results) console.log(`| ${r.set} | ${r.typeorm.length}${r.typeorm.length ? `: ${r.typeorm.map((q) => `\`${q.slice(0, 90)}\``).join("; ")}` : ""} | ${r.migrator.length} |`);
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results", "mariadb-phantoms.json"), `${JSON.stringify({ measured: new Date().toISOString(), typeorm: version, results }, null, 1)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
