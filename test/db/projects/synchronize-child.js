#!/usr/bin/env node
// TypeORM's own synchronize of a compiled project, in a process of its own:
// ESM output needs Node's import(), which vitest's module runner does not lend
// out, and a fresh process holds no entity classes but the project's.
// Argument: JSON { url, work, entities?: globs relative to work, dataSource?: path relative to work }.
"use strict";
const { createRequire } = require("node:module");
const { existsSync, readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { globSync } = require("tinyglobby");

function isEsm(file) {
  if (file.endsWith(".mjs")) return true;
  if (!file.endsWith(".js")) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, "utf8")).type === "module";
  }
  return false;
}

async function load(file) {
  return isEsm(file) ? import(pathToFileURL(file).href) : createRequire(file)(file);
}

async function main() {
  const { url, work, entities, dataSource } = JSON.parse(process.argv[2]);
  const typeorm = createRequire(join(work, "project", "package.json"))("typeorm");
  let options;
  if (dataSource) {
    const exported = await load(join(work, dataSource));
    const found = Object.values(exported).find((value) => value instanceof typeorm.DataSource);
    if (!found) throw new Error(`${dataSource} exports no DataSource`);
    options = { ...found.options };
  } else {
    const files = globSync(entities, { cwd: work, absolute: true }).sort();
    if (files.length === 0) throw new Error(`no compiled entities match ${entities.join(", ")}`);
    const classes = [];
    for (const file of files) {
      for (const value of Object.values(await load(file))) {
        if (typeof value === "function" || value instanceof typeorm.EntitySchema) classes.push(value);
      }
    }
    options = { entities: classes };
  }
  const connection = { url, host: undefined, port: undefined, username: undefined, password: undefined, database: undefined };
  const source = new typeorm.DataSource({ ...options, ...connection, type: "postgres", synchronize: false, logging: false, migrations: [] });
  await source.initialize();
  try {
    await source.synchronize();
  } finally {
    await source.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
