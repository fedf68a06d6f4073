/**
 * kill -9 trials (issue 12, "A standing suite"): a 50-step upgrade, run as a
 * CLI process against the server, is killed with SIGKILL at a random moment,
 * in both transaction modes; one step is non-transactional (CREATE INDEX
 * CONCURRENTLY). After each kill the database must be consistent: every step
 * the version table counts ran exactly once (its table and its one row in
 * `steps`), no step after it left anything, the log agrees, and a half-run
 * non-transactional step is reported by `status`. Then `upgrade head` must
 * finish the job with no step lost or doubled.
 *
 * RELIABILITY_TRIALS (default 12) trials per mode; server only. A kill that
 * leaves an unreported half-run step, or a rerun that fails, counts as an
 * inconsistent state.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectServer } from "../../src/dialect/postgres/connection/server";
import type { Executor } from "../../src/db/types";
import { runCliProcess, withoutDatabaseLine } from "../helpers/cli";
import { withDatabase } from "../helpers/databases";
import { newRow, type Row } from "./table";
import { makeTempDir } from "./temp";

const STEPS = 50;
const NON_TRANSACTIONAL = 25;
const TRIALS = Number(process.env.RELIABILITY_TRIALS ?? 12);
const ENTRY = join(__dirname, "..", "helpers", "cli-from-src.js");

const id = (i: number): string => `${String(i).padStart(4, "0")}00000000`;

/** 50 revisions: each creates t_i and records itself in `steps`; number 25 builds an index concurrently. */
function writeRevisions(migrations: string): void {
  mkdirSync(migrations, { recursive: true });
  for (let i = 1; i <= STEPS; i++) {
    const body =
      i === NON_TRANSACTIONAL
        ? `  await op.createIndex("big", "big_v_idx", [{ column: "v" }], { concurrently: true });`
        : i === 1
          ? `  await op.execute("CREATE TABLE steps (i integer NOT NULL); CREATE TABLE big (v integer); INSERT INTO big SELECT g FROM generate_series(1, 200000) g; CREATE TABLE t_1 (id integer); INSERT INTO steps VALUES (1)");`
          : `  await op.execute("CREATE TABLE t_${i} (id integer); INSERT INTO steps VALUES (${i})");`;
    writeFileSync(
      join(migrations, `${id(i)}_step_${i}.ts`),
      [
        `/**\n * step ${i}\n *\n * Revision ID: ${id(i)}\n */`,
        `export const revision = "${id(i)}";`,
        `export const downRevision: string | null = ${i === 1 ? "null" : `"${id(i - 1)}"`};`,
        i === NON_TRANSACTIONAL ? "export const transactional = false;" : "",
        `export async function upgrade(op: any): Promise<void> {\n${body}\n}`,
        "export async function downgrade(): Promise<void> {}",
        "",
      ].join("\n"),
    );
  }
}

interface Verdict {
  readonly consistent: boolean;
  readonly lostOrDoubled: number;
  readonly interruptedReported: boolean;
  readonly detail: string;
}

/** What the database says after a kill. */
async function inspect(executor: Executor, dir: string): Promise<Verdict & { at: number }> {
  const version = await executor.query<{ v: string }>("SELECT version_num AS v FROM migrator_version").catch(() => ({ rows: [] as { v: string }[] }));
  const at = version.rows.length === 0 ? 0 : Number(version.rows[0]?.v.slice(0, 4));
  const hasSteps = (await executor.query<{ ok: boolean }>("SELECT to_regclass('steps') IS NOT NULL AS ok")).rows[0]?.ok === true;
  const counts = new Map<number, number>();
  if (hasSteps) for (const row of (await executor.query<{ i: number; n: number }>("SELECT i, count(*)::int AS n FROM steps GROUP BY i")).rows) counts.set(row.i, row.n);
  const tables = new Set((await executor.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE tablename LIKE 't\\_%'")).rows.map((r) => r.t));
  const finished = await executor
    .query<{ r: string; n: number }>("SELECT revision AS r, count(*)::int AS n FROM migrator_log WHERE finished_at IS NOT NULL GROUP BY revision")
    .then((r) => new Map(r.rows.map((row) => [Number(row.r.slice(0, 4)), row.n])))
    .catch(() => new Map<number, number>());
  let lostOrDoubled = 0;
  const problems: string[] = [];
  for (let i = 1; i <= STEPS; i++) {
    const applied = i <= at;
    const expectedRows = applied && i !== NON_TRANSACTIONAL ? 1 : 0;
    const rows = counts.get(i) ?? 0;
    if (rows !== expectedRows) {
      lostOrDoubled += 1;
      problems.push(`step ${i}: ${rows} rows, expected ${expectedRows}`);
    }
    if (i !== NON_TRANSACTIONAL && tables.has(`t_${i}`) !== applied) problems.push(`t_${i} ${applied ? "missing" : "present"}`);
    if ((finished.get(i) ?? 0) !== (applied ? 1 : 0)) problems.push(`log of step ${i}: ${finished.get(i) ?? 0} finished rows`);
  }
  // a half-run non-transactional step: acceptable only when reported
  const status = await runCliProcess(["status"], dir, { MIGRATOR_CODE_CACHE: join(tmpdir(), "migrator-test-code-cache") });
  const interruptedReported = status.stdout.includes(`interrupted: the upgrade of revision ${id(NON_TRANSACTIONAL)}`);
  const index = await executor.query("SELECT 1 FROM pg_class WHERE relname = 'big_v_idx'");
  if (at === NON_TRANSACTIONAL - 1 && index.rowCount > 0 && !interruptedReported) problems.push("index of step 25 left behind, not reported");
  return { at, consistent: problems.length === 0, lostOrDoubled, interruptedReported, detail: problems.join("; ") };
}

function startUpgrade(dir: string): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [ENTRY, "upgrade", "head"], {
    cwd: dir,
    env: { ...process.env, MIGRATOR_CODE_CACHE: join(tmpdir(), "migrator-test-code-cache") },
    stdio: "ignore",
  });
  return { child, exited: new Promise((resolve) => child.on("exit", () => resolve())) };
}

/** The trials, as one row of the suite's table. */
export async function killTrials(adminUrl: string): Promise<Row> {
  const backend = { name: "server" as const, adminUrl };
  const row = newRow("kill -9 during upgrade");
  for (const mode of ["per-revision", "all"] as const) {
    // how long a whole run takes, so the kills spread over it
    let fullMs = 0;
    let startMs = 0;
    for (let trial = 0; trial <= TRIALS; trial++) {
      await withDatabase(backend, async ({ executor, url }) => {
        const dir = makeTempDir("migrator-kill-");
        writeRevisions(join(dir, "migrations"));
        writeFileSync(
          join(dir, "migrator.config.ts"),
          `export default { entities: [], migrations: "migrations", transactionMode: "${mode}", database: { url: ${JSON.stringify(url)} } };\n`,
        );
        const started = Date.now();
        const run = startUpgrade(dir);
        if (trial === 0) {
          // the process start-up is no place to kill: the trials spread over the run itself
          let done = false;
          void run.exited.then(() => (done = true));
          while (!done && startMs === 0) {
            const log = await executor.query<{ ok: boolean }>("SELECT to_regclass('migrator_log') IS NOT NULL AS ok");
            if (log.rows[0]?.ok === true) startMs = Date.now() - started;
            else await new Promise((resolve) => setTimeout(resolve, 5));
          }
          await run.exited;
          fullMs = Date.now() - started;
          rmSync(dir, { recursive: true, force: true });
          return;
        }
        const delay = startMs + Math.random() * (fullMs - startMs);
        await new Promise((resolve) => setTimeout(resolve, delay));
        run.child.kill("SIGKILL");
        await run.exited;
        // the server side of the kill: backends of the dead client go too
        const admin = await connectServer(url as string, "migrator-tests");
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'migrator-tests'");
        await admin.close();
        const verdict = await inspect(executor, dir);
        const rerun = await runCliProcess(["upgrade", "head"], dir, { MIGRATOR_CODE_CACHE: join(tmpdir(), "migrator-test-code-cache") });
        const after = await inspect(executor, dir);
        const rerunOk = rerun.code === 0 && after.at === STEPS && after.consistent;
        row.trials += 1;
        row.inconsistent += (verdict.consistent ? 0 : 1) + (rerunOk ? 0 : 1);
        row.lostOrDoubled += verdict.lostOrDoubled + after.lostOrDoubled;
        const at = `${mode}, killed at ${Math.round(delay)} ms (step ${verdict.at})`;
        if (!verdict.consistent) row.details.push(`${at}: ${verdict.detail}`);
        if (!rerunOk) row.details.push(`${at}: rerun exit ${rerun.code}: ${withoutDatabaseLine(rerun.stderr).split("\n")[0]} ${after.detail}`);
        rmSync(dir, { recursive: true, force: true });
      });
    }
  }
  return row;
}
