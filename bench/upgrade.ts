/**
 * Per-step cost of the runner: N trivial revisions (`op.execute("SELECT 1")`)
 * applied by `migrator upgrade head` as a whole process (run from src/, no
 * build) against a fresh database on the local server, a few times; prints
 * the median and the per-step cost. No asserts.
 *   node -e "$(cat bench/run-ts.snippet)" bench/upgrade.ts     (or any TS runner)
 *   BENCH_N=1000 BENCH_RUNS=3 DATABASE_URL=postgres://... 
 * The first run transpiles the revisions (cold cache); later runs hit the cache.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";

const N = Number(process.env.BENCH_N ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ADMIN = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLI = join(__dirname, "..", "test", "helpers", "cli-from-src.js");

const id = (i: number): string => (i + 1).toString(16).padStart(12, "0");

function writeProject(dir: string, url: string): void {
  mkdirSync(join(dir, "migrations"), { recursive: true });
  for (let i = 0; i < N; i++) {
    const down = i === 0 ? "null" : JSON.stringify(id(i - 1));
    writeFileSync(
      join(dir, "migrations", `${id(i)}_step_${i}.ts`),
      `/**\n * step ${i}\n */\nimport type { Operations } from "typeorm-migrator";\n\n` +
        `export const revision = ${JSON.stringify(id(i))};\nexport const downRevision: string | string[] | null = ${down};\n` +
        `export const branchLabels: string[] = [];\nexport const dependsOn: string[] = [];\n\n` +
        `export async function upgrade(op: Operations): Promise<void> {\n  await op.execute("SELECT 1");\n}\n\n` +
        `export async function downgrade(op: Operations): Promise<void> {\n  await op.execute("SELECT 1");\n}\n`,
    );
  }
  writeFileSync(join(dir, "migrator.config.ts"), `export default { entities: [], migrations: "migrations", database: { url: ${JSON.stringify(url)} } };\n`);
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const name = "migrator_bench_upgrade";
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), "migrator-bench-upgrade-"));
  writeProject(dir, url.toString());
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${name}"`);
    const t0 = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [CLI, "upgrade", "head"], { cwd: dir, encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (result.status !== 0) throw new Error(`upgrade failed: ${result.stderr}`);
    console.log(`${run === 0 ? "cold cache" : `run ${run}`}: ${ms.toFixed(0)} ms`);
    if (run > 0) times.push(ms);
  }
  const noop = spawnSync(process.execPath, [CLI, "upgrade", "head"], { cwd: dir, encoding: "utf8" });
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, [CLI, "upgrade", "head"], { cwd: dir, encoding: "utf8" });
  const nothing = Number(process.hrtime.bigint() - t0) / 1e6;
  if (noop.status !== 0) throw new Error(noop.stderr);
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`upgrade head, ${N} revisions: median ${median.toFixed(0)} ms over ${times.length} warm runs`);
  console.log(`same process with nothing to do: ${nothing.toFixed(0)} ms; per step ≈ ${((median - nothing) / N).toFixed(2)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
