/**
 * Per-revision runs send a step's statements, its bookkeeping, COMMIT and the
 * next BEGIN in one message. A failure in such a message still names the one
 * statement that failed (an execution error, a syntax error anywhere in the
 * message, a deferred constraint at COMMIT, a step longer than one batch),
 * and keeps nothing of the step; a trailing `--` comment cannot swallow what
 * follows; op.query() sees the statements before it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { upgrade } from "../../../src/commands/upgrade";
import { resolveConfig } from "../../../src/config/load";
import type { UserConfig } from "../../../src/config/types";
import type { Executor } from "../../../src/db/types";
import { MigratorError } from "../../../src/errors";
import { loadGraph } from "../../../src/revisions/load";
import { planUpgrade } from "../../../src/revisions/plan";
import { runPlan } from "../../../src/runtime/run";
import { ensureTables, runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { counting } from "../introspect/counting";

const OPS = join(__dirname, "..", "..", "..", "src", "ops", "operations");
const id = (i: number): string => `${(i + 1).toString(16).padStart(2, "0")}ba00000000`;

/** A project whose revision i has `bodies[i]` as its upgrade. */
function project(bodies: readonly string[]): { dir: string; config: ReturnType<typeof resolveConfig> } {
  const dir = mkdtempSync(join(tmpdir(), "migrator-batching-"));
  mkdirSync(join(dir, "migrations"));
  bodies.forEach((body, i) => {
    const down = i === 0 ? "null" : JSON.stringify(id(i - 1));
    writeFileSync(
      join(dir, "migrations", `${id(i)}_step.ts`),
      `/**\n * step ${i}\n *\n * Revision ID: ${id(i)}\n * Revises: ${down}\n * Create Date: 2026-01-01 00:00:00 UTC\n */\n` +
        `import type { Operations } from ${JSON.stringify(OPS)};\n\n` +
        `export const revision = ${JSON.stringify(id(i))};\nexport const downRevision: string | string[] | null = ${down};\n` +
        `export const branchLabels: string[] = [];\nexport const dependsOn: string[] = [];\n\n` +
        `export async function upgrade(op: Operations): Promise<void> {\n${body}\n}\n\n` +
        `export async function downgrade(op: Operations): Promise<void> {}\n`,
    );
  });
  const user: UserConfig = { entities: [], migrations: "migrations", database: { embedded: "unused" } };
  writeFileSync(join(dir, "migrator.config.ts"), `export default ${JSON.stringify(user)};\n`);
  return { dir, config: resolveConfig(user, join(dir, "migrator.config.ts")) };
}

const exec = (sql: string): string => `  await op.execute(${JSON.stringify(sql)});`;

async function names(executor: Executor, sql: string): Promise<string[]> {
  return (await executor.query<{ name: string }>(sql)).rows.map((r) => r.name);
}
const tTables = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 't\\_%' ORDER BY 1";

interface Case {
  readonly name: string;
  readonly body: string;
  readonly statement: string;
  readonly code: string;
}

const failing: Case[] = [
  {
    name: "an execution error in the third of four statements",
    body: [exec("CREATE TABLE t_two (id int)"), exec("INSERT INTO t_two VALUES (1)"), exec("SELECT 1/0 FROM t_two"), exec("CREATE TABLE t_two_b (id int)")].join("\n"),
    statement: "SELECT 1/0 FROM t_two",
    code: "22012",
  },
  {
    name: "a syntax error in the second statement (the whole message is parsed first)",
    body: [exec("CREATE TABLE t_two (id int)"), exec("CREATE TABLEX t_oops (id int)"), exec("CREATE TABLE t_two_b (id int)")].join("\n"),
    statement: "CREATE TABLEX t_oops (id int)",
    code: "42601",
  },
  {
    name: "a deferred foreign key checked at COMMIT",
    body: [
      exec("CREATE TABLE t_parent (id int PRIMARY KEY)"),
      exec("CREATE TABLE t_child (pid int REFERENCES t_parent DEFERRABLE INITIALLY DEFERRED)"),
      exec("INSERT INTO t_child VALUES (5)"),
    ].join("\n"),
    statement: "COMMIT",
    code: "23503",
  },
  {
    name: "the 36th of 40 statements (more than one batch)",
    body: [exec("CREATE TABLE t_two (id int PRIMARY KEY)"), ...Array.from({ length: 39 }, (_, k) => exec(`INSERT INTO t_two VALUES (${k === 34 ? 1 : k + 1})`))].join("\n"),
    statement: "INSERT INTO t_two VALUES (1)",
    code: "23505",
  },
];

describe.each(backendsUnderTest())("batched steps on $name", (backend) => {
  for (const c of failing) {
    it(`names the statement: ${c.name}`, async () => {
      await withDatabase(backend, async ({ executor }) => {
        const p = project([exec("CREATE TABLE t_one (id int)"), c.body, exec("CREATE TABLE t_three (id int)")]);
        const error = await upgrade(p.config, { target: "head", executor }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(MigratorError);
        const message = (error as MigratorError).message;
        expect(message).toContain(`upgrade of revision ${id(1)}`);
        expect(message).toContain(`[SQLSTATE ${c.code}]`);
        expect(message).toMatch(new RegExp(`statement: ${c.statement.replace(/[()]/g, "\\$&")}$`));
        expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(p.config))).toEqual([id(0)]);
        expect(await names(executor, tTables)).toEqual(["t_one"]);
        expect(await names(executor, "SELECT revision AS name FROM migrator_log ORDER BY id")).toEqual([id(0)]);
        // no transaction left open
        await executor.exec("BEGIN; ROLLBACK");
      });
    });
  }

  it("a trailing -- comment does not hide the statements after it; op.query() sees what ran before it", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const p = project([
        [exec("CREATE TABLE t_one (id int) -- no newline after this comment"), exec("INSERT INTO t_one VALUES (1), (2)")].join("\n"),
        [
          exec("INSERT INTO t_one VALUES (3)"),
          `  const [row] = await op.query<{ n: number }>("SELECT count(*)::int AS n FROM t_one");`,
          "  await op.execute(`INSERT INTO t_one VALUES (${(row?.n ?? 0) * 10})`);",
        ].join("\n"),
      ]);
      await upgrade(p.config, { target: "head", executor });
      expect((await executor.query<{ id: number }>("SELECT id FROM t_one ORDER BY id")).rows.map((r) => r.id)).toEqual([1, 2, 3, 30]);
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(p.config))).toEqual([id(1)]);
    });
  });

  it("one round trip per one-statement step", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const p = project(Array.from({ length: 10 }, (_, i) => exec(`CREATE TABLE t_${i} (id int)`)));
      const tables = runtimeTables(p.config);
      await ensureTables(postgres, executor, tables);
      const plan = planUpgrade(loadGraph(p.config), [], "head");
      const counted = counting(executor);
      await runPlan(plan, { dialect: postgres, executor: counted.executor, tables, root: p.dir, transactionMode: "per-revision", statementTimeout: null });
      // the first BEGIN, then one message per step (the last one also resets synchronous_commit)
      expect(counted.roundTrips()).toBe(plan.steps.length + 1);
      expect(await names(executor, tTables)).toHaveLength(10);
    });
  });
});
