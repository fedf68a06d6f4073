/**
 * The step bookkeeping travels as one literal statement with COMMIT and the
 * next BEGIN: values come back exactly (quotes, backslashes, whatever
 * standard_conforming_strings says), and a version-row change that finds no
 * row keeps the step from committing, with an error saying which change.
 */
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import type { Executor } from "../../../src/db/types";
import { MigratorError } from "../../../src/errors";
import { loadGraph } from "../../../src/revisions/load";
import { planUpgrade } from "../../../src/revisions/plan";
import { runPlan } from "../../../src/runtime/run";
import { ensureTables, runtimeTables } from "../../../src/runtime/tables";
import { upgrade } from "../../../src/commands/upgrade";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

async function names(executor: Executor, sql: string): Promise<string[]> {
  return (await executor.query<{ name: string }>(sql)).rows.map((r) => r.name);
}

const tTables = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 't\\_%' ORDER BY 1";
const logged = "SELECT revision AS name FROM migrator_log ORDER BY id";

describe.each(backendsUnderTest())("step bookkeeping on $name", (backend) => {
  it("writes quotes and backslashes as they are, with standard_conforming_strings on or off", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const tables = runtimeTables({ versionSchema: "public", versionTable: "migrator_version", logTable: "migrator_log" });
      for (const sql of postgres.runtime.createTablesSql(tables)) await executor.exec(sql);
      const odd = ["it's", "back\\slash", "both\\'\\\\", "new\nline"];
      for (const [i, conforming] of [["on"], ["off"], ["on"], ["off"]].entries()) {
        const revision = odd[i] as string;
        await executor.exec(`SET standard_conforming_strings = ${conforming}`);
        const sql = postgres.runtime.recordStepSql(tables, [{ kind: "insert", revision }], {
          revision,
          direction: "up",
          startedAt: new Date(0),
          clientMs: 1000,
          checksum: `sum ${revision}`,
        });
        await executor.exec(`BEGIN; ${sql}; COMMIT`);
      }
      await executor.exec("RESET standard_conforming_strings");
      expect(await names(executor, "SELECT version_num AS name FROM migrator_version ORDER BY version_num")).toEqual([...odd].sort());
      expect(await names(executor, "SELECT checksum AS name FROM migrator_log ORDER BY id")).toEqual(odd.map((r) => `sum ${r}`));
      // the client's part of the duration plus the server's, and finished_at consistent with it
      const timing = await executor.query<{ ok: boolean }>(
        "SELECT bool_and(duration_ms >= 1000 AND duration_ms < 60000 AND started_at = '1970-01-01T00:00:00Z' AND finished_at - started_at BETWEEN interval '1 second' AND interval '1 minute') AS ok FROM migrator_log",
      );
      expect(timing.rows).toEqual([{ ok: true }]);
    });
  });

  it("a step whose version-row change finds no row commits nothing and says which change", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", { embedded: "unused" });
      const tables = runtimeTables(project.config);
      await upgrade(project.config, { target: "aaa100000000", executor });
      // another tool moved the row: the plan from aaa1 expects to update it
      await executor.exec("UPDATE migrator_version SET version_num = 'deadbeef0000'");
      const graph = loadGraph(project.config);
      const plan = planUpgrade(graph, ["aaa100000000"], "ddd400000000");
      expect(plan.steps[0]?.revision).toBe("bbb200000000");
      expect(plan.steps[0]?.versionChanges).toEqual([{ kind: "update", from: "aaa100000000", to: "bbb200000000" }]);
      expect(plan.steps.length).toBeGreaterThan(1);
      await ensureTables(postgres, executor, tables);
      const error = await runPlan(plan, { dialect: postgres, executor, tables, root: project.dir, transactionMode: "per-revision", statementTimeout: null }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigratorError);
      expect((error as MigratorError).message).toMatch(
        /^upgrade of revision bbb200000000 .*failed: the version table does not match the plan \(update aaa100000000 -> bbb200000000 found no row\)$/,
      );
      expect(await postgres.runtime.selectVersionRows(executor, tables)).toEqual(["deadbeef0000"]);
      expect(await names(executor, tTables)).toEqual(["t_aaa1"]);
      expect(await names(executor, logged)).toEqual(["aaa100000000"]);
      // the session is usable, outside any transaction
      await executor.exec("BEGIN; ROLLBACK");
    });
  });
});
