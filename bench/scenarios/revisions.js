"use strict";
// Generated revision histories: N trivial migrator revisions (op.execute("SELECT 1"))
// and the N equivalent compiled TypeORM migrations, plus the TypeORM data source file.
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const lib = require("../lib");

const revisionId = (i) => `${(i + 1).toString(16).padStart(12, "0")}`;

function revisionSource(id, i, down) {
  return `/**
 * step ${i}
 *
 * Revision ID: ${id}
 * Revises: ${down === null ? "" : Array.isArray(down) ? down.join(", ") : down}
 * Create Date: 2026-01-01 00:00:00 UTC
 */
import type { Operations } from "typeorm-migrator";

export const revision = ${JSON.stringify(id)};
export const downRevision: string | string[] | null = ${JSON.stringify(down)};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  await op.execute("SELECT 1");
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute("SELECT 1");
}
`;
}

/** A linear history of n revisions under dir/migrations (1000 per sub-folder, as a large project would group them). */
function writeMigratorProject(dir, n, url, shape = linear) {
  mkdirSync(join(dir, "migrations"), { recursive: true });
  mkdirSync(join(dir, "entities"), { recursive: true });
  for (const { i, id, down, sub } of shape(n)) {
    const folder = join(dir, "migrations", sub);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${id}_step_${i}.ts`), revisionSource(id, i, down));
  }
  writeFileSync(join(dir, "migrator.config.ts"), lib.migratorConfig(url));
}

function* linear(n) {
  for (let i = 0; i < n; i++) yield { i, id: revisionId(i), down: i === 0 ? null : revisionId(i - 1), sub: String(Math.floor(i / 1000)) };
}

/**
 * A line of n revisions in which every n/10th starts a 3-revision side branch
 * merged back 5 revisions later (the shape bench/graph.ts used): branches and merges, one head.
 */
function* branchy(n) {
  const merges = new Map();
  const every = Math.max(1, Math.floor(n / 10));
  let previous = null;
  let count = 0;
  for (let i = 0; count < n; i++) {
    const id = revisionId(i);
    const merging = merges.get(i);
    yield { i, id, down: merging && previous ? [previous, merging] : previous, sub: String(Math.floor(i / 1000)) };
    count++;
    if (i > 0 && i % every === 0 && count + 3 < n) {
      let side = id;
      for (let k = 1; k <= 3; k++) {
        const sid = `b${i.toString(16).padStart(8, "0")}x${k}`;
        yield { i, id: sid, down: side, sub: String(Math.floor(i / 1000)) };
        count++;
        side = sid;
      }
      merges.set(i + 5, side);
    }
    previous = id;
  }
}

/** TypeORM's side: n compiled migrations in dir/typeorm/migrations and dir/typeorm/data-source.js. */
function writeTypeormProject(dir, n, url) {
  const folder = join(dir, "typeorm", "migrations");
  mkdirSync(folder, { recursive: true });
  const base = 1700000000000;
  for (let i = 0; i < n; i++) {
    const name = `Step${i}${base + i}`;
    writeFileSync(
      join(folder, `${base + i}-step${i}.js`),
      `"use strict";
class ${name} {
  constructor() { this.name = ${JSON.stringify(name)}; }
  async up(queryRunner) { await queryRunner.query("SELECT 1"); }
  async down(queryRunner) { await queryRunner.query("SELECT 1"); }
}
exports.${name} = ${name};
`,
    );
  }
  const dataSource = join(dir, "typeorm", "data-source.js");
  writeFileSync(
    dataSource,
    `"use strict";
const { DataSource } = require("typeorm");
exports.dataSource = new DataSource({ type: "postgres", url: ${JSON.stringify(url)}, migrations: [${JSON.stringify(`${folder}/*.js`)}] });
`,
  );
  return dataSource;
}

const migrator = (dir, ...args) => lib.runNode(lib.MIGRATOR, args, { cwd: dir });
const typeorm = (dataSource, command) => lib.runNode(lib.TYPEORM_CLI, [command, "-d", dataSource]);

module.exports = { writeMigratorProject, writeTypeormProject, linear, branchy, migrator, typeorm, revisionId };
