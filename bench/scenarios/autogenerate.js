"use strict";
// Scenario 1: autogenerate at N tables. The database is built by TypeORM's own
// synchronize from the original entities; then every tenth entity changes (a
// column added, a varchar widened, the composite index dropped). migrator
// `check` reads the TypeScript entities as users run it; TypeORM's
// createSchemaBuilder().log() gets the same entities precompiled to JS.
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const lib = require("../lib");

function entitySource(i, changed) {
  const parent = `Entity${Math.max(i - 1, 0)}`;
  return `import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

@Entity()
${changed ? "" : '@Index(["name", "count"])\n'}export class Entity${i} {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: ${changed ? 200 : 100} }) name!: string;
  @Column({ unique: true }) code!: string;
  @Column({ type: "text", nullable: true }) note!: string | null;
  @Column() count!: number;
  @Column("numeric", { precision: 10, scale: 2 }) price!: string;
  @Column({ default: true }) active!: boolean;
  @Column({ type: "jsonb", nullable: true }) data!: object | null;
  @Column({ type: "timestamptz", default: () => "now()" }) createdAt!: Date;
  @Column({ type: "uuid", nullable: true }) ref!: string | null;
  @Column("bigint", { default: 0 }) total!: string;
${changed ? "  @Column({ type: \"integer\", nullable: true }) extra!: number | null;\n" : ""}  @ManyToOne("${parent}", { onDelete: "CASCADE", nullable: true }) parent!: unknown;
}
`;
}

/**
 * Writes the project: entities/*.ts (changed), js/*.js (changed, compiled), js-original/*.js (for the setup).
 * `source` and `name` for another database's entities (scenarios/autogenerate-mariadb.js).
 */
function writeProject(n, url, { source = entitySource, name = `autogenerate-${n}` } = {}) {
  const dir = lib.workDir(name);
  for (const sub of ["entities", "js", "js-original", "migrations"]) mkdirSync(join(dir, sub));
  for (let i = 0; i < n; i++) {
    const changed = i % 10 === 0;
    const ts = source(i, changed);
    writeFileSync(join(dir, "entities", `entity${i}.ts`), ts);
    writeFileSync(join(dir, "js", `entity${i}.js`), lib.compileTs(ts));
    writeFileSync(join(dir, "js-original", `entity${i}.js`), changed ? lib.compileTs(source(i, false)) : lib.compileTs(ts));
  }
  writeFileSync(join(dir, "migrator.config.ts"), lib.migratorConfig(url));
  return dir;
}

const schemaLog = join(__dirname, "..", "typeorm-schema-log.js");
const CHANGES = /(\d+) changes? to apply/;

/**
 * The original schema, built by TypeORM once and kept as a template database
 * named after a hash of the entity generator and the setup script, so later bench runs copy it in seconds
 * (building 3000 tables through TypeORM takes minutes).
 */
async function databaseFrom(dir, n, db) {
  const fingerprint = createHash("sha256").update(entitySource.toString()).update(readFileSync(schemaLog)).digest("hex").slice(0, 10);
  const template = `bench_tpl_autogenerate_${n}_${fingerprint}`;
  const exists = (await lib.admin(`SELECT 1 FROM pg_database WHERE datname = '${template}'`)).rowCount > 0;
  if (!exists) {
    const stale = await lib.admin(`SELECT datname FROM pg_database WHERE datname LIKE 'bench_tpl_autogenerate_${n}_%'`);
    for (const { datname } of stale.rows) await lib.dropDatabase(datname);
    const building = await lib.freshDatabase(`${template}_building`);
    lib.expectExit(lib.runNode(schemaLog, [join(dir, "js-original"), building, "--apply"]), [0], `setup: TypeORM schema of ${n} tables`);
    await lib.admin(`ALTER DATABASE "${template}_building" RENAME TO "${template}"`);
  }
  await lib.dropDatabase(db);
  await lib.admin(`CREATE DATABASE "${db}" TEMPLATE "${template}"`);
  return lib.dbUrl(db);
}

async function run(n) {
  const db = `bench_autogenerate_${n}`;
  const dir = writeProject(n, lib.dbUrl(db));
  const url = await databaseFrom(dir, n, db);
  // exit 1 is both "changes found" and "error": only the former prints the count.
  const found = (result) => (result.code === 1 && CHANGES.test(result.stdout) ? Number(CHANGES.exec(result.stdout)[1]) : null);
  const checkRun = () => {
    const result = lib.runNode(lib.MIGRATOR, ["check"], { cwd: dir });
    if (found(result) === null) lib.expectExit(result, [-1], `migrator check (${n} tables) found no changes or failed`);
    return result;
  };
  // TypeORM's schema builder needs minutes at 3000 tables: one run there, without warm-up
  // (BENCH_TYPEORM_3000_RUNS to change), so the whole bench stays under 15 minutes.
  const slow = n >= 3000 ? { runs: Number(process.env.BENCH_TYPEORM_3000_RUNS ?? 1), warmUp: false } : {};
  // the first check in a directory compiles every module from source (no V8 code cache yet)
  const coldCache = join(lib.WORK, `code-cache-cold-${n}`);
  const coldRun = () => {
    const result = lib.runNode(lib.MIGRATOR, ["check"], { cwd: dir, env: { MIGRATOR_CODE_CACHE: coldCache } });
    if (found(result) === null) lib.expectExit(result, [-1], `migrator check without code cache (${n} tables) found no changes or failed`);
    return result;
  };
  const sides = {
    // the probe below is migrator's warm-up
    migrator: { warmUp: false, run: checkRun },
    migratorNoCodeCache: { warmUp: false, runs: 3, before: () => rmSync(coldCache, { recursive: true, force: true }), run: coldRun },
    typeorm: { ...slow, run: () => lib.expectExit(lib.runNode(schemaLog, [join(dir, "js"), url]), [0], `TypeORM schema log (${n} tables)`) },
  };
  // A check that fails outright is a finding, not a reason to lose TypeORM's figures.
  const probe = lib.runNode(lib.MIGRATOR, ["check"], { cwd: dir });
  let migratorFailed = null;
  if (found(probe) === null) {
    migratorFailed = `exit ${probe.code} after ${Math.round(probe.ms)} ms: ${`${probe.stderr}${probe.stdout}`.trim().split("\n")[0]}`;
    delete sides.migrator;
    delete sides.migratorNoCodeCache;
  }
  const figures = await lib.alternate(sides);
  const migratorOps = migratorFailed ? null : found(figures.migrator.last);
  const typeormStatements = Number(figures.typeorm.last.stdout.trim().split("\n").pop());
  await lib.dropDatabase(db);
  return { tables: n, figures, migratorFailed, found: { migratorOpLines: migratorOps, typeormUpQueries: typeormStatements } };
}

/**
 * The first `check` in a fresh clone, as every CI job runs it: no transpile
 * cache (.migrator/cache) and no code cache, against TypeORM's schema log on
 * the compiled entities.
 */
async function runCold(n) {
  const db = `bench_autogenerate_cold_${n}`;
  const dir = writeProject(n, lib.dbUrl(db));
  const url = await databaseFrom(dir, n, db);
  const codeCache = join(lib.WORK, `code-cache-fresh-clone-${n}`);
  const fresh = () => {
    rmSync(join(dir, ".migrator"), { recursive: true, force: true });
    rmSync(codeCache, { recursive: true, force: true });
  };
  const sides = {
    migrator: {
      before: fresh,
      run: () => {
        const result = lib.runNode(lib.MIGRATOR, ["check"], { cwd: dir, env: { MIGRATOR_CODE_CACHE: codeCache } });
        if (!(result.code === 1 && CHANGES.test(result.stdout))) lib.expectExit(result, [-1], `migrator check in a fresh clone (${n} tables)`);
        return result;
      },
    },
    typeorm: { run: () => lib.expectExit(lib.runNode(schemaLog, [join(dir, "js"), url]), [0], `TypeORM schema log (${n} tables)`) },
  };
  const figures = await lib.alternate(sides);
  await lib.dropDatabase(db);
  return { tables: n, figures };
}

module.exports = { run, runCold, entitySource, writeProject, databaseFrom, schemaLog, CHANGES };
