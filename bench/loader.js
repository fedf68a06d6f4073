#!/usr/bin/env node
// Measures loading 50 TypeScript entity files as a whole process: cold (empty
// transpile cache), cached, and the same entities precompiled to JavaScript.
// Prints medians; writes bench/results/loader.json. Needs `npm run build` first.
"use strict";
const { execFileSync } = require("node:child_process");
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { writeResult, median, machine } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function entity(i) {
  return `import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
${i > 0 ? `import { Entity${i - 1} } from "./entity${i - 1}";` : ""}
@Entity()
@Index(["name", "code"])
export class Entity${i} {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) name!: string;
  @Column({ unique: true }) code!: string;
  @Column({ nullable: true }) note?: string;
  @Column() count!: number;
  @Column("numeric", { precision: 10, scale: 2 }) price!: string;
  @Column() active!: boolean;
  @Column({ type: "jsonb", default: {} }) data!: object;
  @Column({ type: "timestamptz" }) at!: Date;
  ${i > 0 ? `@ManyToOne(() => Entity${i - 1}) parent!: Entity${i - 1};` : ""}
}
`;
}

function project() {
  // inside the repo so the entities resolve typeorm from its node_modules
  mkdirSync(join(ROOT, "bench", "work"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "bench", "work", "loader-"));
  mkdirSync(join(dir, "entities"));
  mkdirSync(join(dir, "js"));
  for (let i = 0; i < 50; i++) writeFileSync(join(dir, "entities", `entity${i}.ts`), entity(i));
  return dir;
}

function time(args, env = {}) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: "ignore" });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const dir = project();
try {
  const loadTs = `
    const { loadUserModule } = require(${JSON.stringify(join(ROOT, "dist/loader"))});
    require("reflect-metadata");
    const { globSync } = require("tinyglobby");
    for (const f of globSync("entities/*.ts", { cwd: ${JSON.stringify(dir)}, absolute: true })) loadUserModule(f, ${JSON.stringify(dir)});
    const t = require("typeorm");
    const ds = new t.DataSource({ type: "postgres", entities: Object.values(require.cache).filter(m => m.filename.endsWith(".ts")).flatMap(m => Object.values(m.exports)) });
    ds.buildMetadatas().then(() => { if (ds.entityMetadatas.length !== 50) process.exit(3); });`;
  // precompile once with swc for the JS baseline (same output a build step would give)
  const swc = require("@swc/core");
  for (let i = 0; i < 50; i++) {
    const code = swc.transformSync(entity(i).replace(/\.\/entity(\d+)/g, "./entity$1.js"), {
      jsc: { parser: { syntax: "typescript", decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: "es2022", keepClassNames: true },
      module: { type: "commonjs" },
      swcrc: false,
    }).code;
    writeFileSync(join(dir, "js", `entity${i}.js`), code);
  }
  const loadJs = `
    require("reflect-metadata");
    const t = require("typeorm");
    const entities = [];
    for (let i = 0; i < 50; i++) entities.push(...Object.values(require(${JSON.stringify(join(dir, "js"))} + "/entity" + i + ".js")));
    const ds = new t.DataSource({ type: "postgres", entities });
    ds.buildMetadatas().then(() => { if (ds.entityMetadatas.length !== 50) process.exit(3); });`;
  const cwd = ROOT; // so typeorm/reflect-metadata resolve from this repo
  process.chdir(cwd);
  const figures = { cold: [], cached: [], precompiled: [] };
  time(["-e", loadJs]); // warm the OS file cache
  for (let run = 0; run < RUNS; run++) {
    rmSync(join(dir, ".migrator"), { recursive: true, force: true });
    figures.cold.push(time(["-e", loadTs]));
    figures.cached.push(time(["-e", loadTs]));
    figures.precompiled.push(time(["-e", loadJs]));
  }
  const result = {
    scenario: "loader: 50 TypeScript entity files, whole process incl. TypeORM metadata build",
    unit: "ms",
    runs: RUNS,
    median: { cold: median(figures.cold), cached: median(figures.cached), precompiled: median(figures.precompiled) },
    samples: figures,
    machine: machine(),
  };
  writeResult("loader", result);
  console.log(`loader, 50 entity files (median of ${RUNS}): cold ${result.median.cold.toFixed(0)} ms, cached ${result.median.cached.toFixed(0)} ms, precompiled JS ${result.median.precompiled.toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
