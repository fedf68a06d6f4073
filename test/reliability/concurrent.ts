/**
 * 8 runners at once (issue 12): `upgrade head` as 8 CLI processes against one
 * database, over a few rounds (from base; after new revisions arrive; at
 * head). Every runner must exit 0 (the losers wait on the lock, then find
 * nothing or less to do) and every revision must have run exactly once: one
 * row of its own in `steps`, one finished `up` row in the log, and the
 * version table at the head.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Executor } from "../../src/db/types";
import { runCliProcess, withoutDatabaseLine } from "../helpers/cli";
import { withDatabase } from "../helpers/databases";
import { newRow, type Row } from "./table";
import { makeTempDir } from "./temp";

const RUNNERS = 8;
/** Revisions that arrive before each round; the last round finds the database at head. */
const ROUNDS = [12, 12, 0];

const id = (i: number): string => `${String(i).padStart(4, "0")}cc000000`;

function writeRevision(migrations: string, i: number): void {
  const first = i === 1 ? `CREATE TABLE steps (i integer NOT NULL); ` : "";
  writeFileSync(
    join(migrations, `${id(i)}_step_${i}.ts`),
    [
      `/**\n * step ${i}\n *\n * Revision ID: ${id(i)}\n */`,
      `export const revision = "${id(i)}";`,
      `export const downRevision: string | null = ${i === 1 ? "null" : `"${id(i - 1)}"`};`,
      // pg_sleep widens the window in which a second runner could run the same step
      `export async function upgrade(op: any): Promise<void> {\n  await op.execute("${first}CREATE TABLE t_${i} (id integer); INSERT INTO steps VALUES (${i}); SELECT pg_sleep(0.02)");\n}`,
      "export async function downgrade(): Promise<void> {}",
      "",
    ].join("\n"),
  );
}

async function count(executor: Executor, sql: string): Promise<Map<number, number>> {
  const rows = (await executor.query<{ i: number; n: number }>(sql)).rows;
  return new Map(rows.map((r) => [Number(r.i), r.n]));
}

export async function concurrentRunners(adminUrl: string): Promise<Row> {
  const row = newRow("8 concurrent runners");
  await withDatabase({ name: "server", adminUrl }, async ({ executor, url }) => {
    const dir = makeTempDir("migrator-concurrent-");
    try {
      const migrations = join(dir, "migrations");
      mkdirSync(migrations);
      writeFileSync(join(dir, "migrator.config.ts"), `export default { entities: [], migrations: "migrations", lockTimeout: 120000, database: { url: ${JSON.stringify(url)} } };\n`);
      let written = 0;
      for (const [round, arriving] of ROUNDS.entries()) {
        for (let k = 0; k < arriving; k++) writeRevision(migrations, ++written);
        const runs = await Promise.all(Array.from({ length: RUNNERS }, () => runCliProcess(["upgrade", "head"], dir)));
        row.trials += runs.length;
        for (const [n, run] of runs.entries()) {
          if (run.code !== 0) {
            row.inconsistent += 1;
            row.details.push(`round ${round + 1}, runner ${n + 1}: exit ${run.code}: ${withoutDatabaseLine(run.stderr).split("\n")[0]}`);
          }
        }
        const steps = await count(executor, "SELECT i, count(*)::int AS n FROM steps GROUP BY i");
        const log = await count(executor, "SELECT substr(revision, 1, 4)::int AS i, count(*)::int AS n FROM migrator_log WHERE direction = 'up' AND finished_at IS NOT NULL GROUP BY 1");
        for (let i = 1; i <= written; i++) {
          if (steps.get(i) !== 1 || log.get(i) !== 1) {
            row.lostOrDoubled += 1;
            row.details.push(`round ${round + 1}, step ${i}: ${steps.get(i) ?? 0} rows in steps, ${log.get(i) ?? 0} finished log rows`);
          }
        }
        const version = (await executor.query<{ v: string }>("SELECT version_num AS v FROM migrator_version")).rows.map((r) => r.v);
        if (version.length !== 1 || version[0] !== id(written)) {
          row.inconsistent += 1;
          row.details.push(`round ${round + 1}: version table ${JSON.stringify(version)}, expected ["${id(written)}"]`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return row;
}
