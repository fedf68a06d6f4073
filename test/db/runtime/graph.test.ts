/**
 * upgrade / downgrade / stamp across a graph with a branch point, a merge,
 * two roots and a dependsOn, checking after every step that the version rows
 * are the plan's (Alembic's rules) and the schema holds exactly the tables of
 * the applied revisions.
 */
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { downgrade } from "../../../src/commands/downgrade";
import { stamp } from "../../../src/commands/stamp";
import { upgrade } from "../../../src/commands/upgrade";
import type { Executor } from "../../../src/db/types";
import { loadGraph } from "../../../src/revisions/load";
import { planDowngrade, planUpgrade } from "../../../src/revisions/plan";
import { runPlan } from "../../../src/runtime/run";
import { ensureTables, runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject, type RuntimeProject } from "./project";

const A = "aaa100000000";
const B = "bbb200000000";
const C = "ccc300000000";
const D = "ddd400000000";
const E = "eee500000000";
const F = "fff600000000";
const G = "abc700000000";

async function rows(executor: Executor, project: RuntimeProject): Promise<string[]> {
  return postgres.runtime.selectVersionRows(executor, runtimeTables(project.config));
}

/** t_ tables present, as revision-id prefixes. */
async function tables(executor: Executor): Promise<string[]> {
  const result = await executor.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 't\\_%' ORDER BY 1",
  );
  return result.rows.map((r) => r.name.slice(2));
}

/** The tables the applied revisions (ancestors of the rows) should have created. */
function expectedTables(project: RuntimeProject, current: readonly string[]): string[] {
  const graph = loadGraph(project.config);
  return [...graph.ancestors(current)].map((id) => id.slice(0, 4)).sort();
}

describe.each(backendsUnderTest())("runner over a branched graph on $name", (backend) => {
  it("moves through every kind of target with the version rows of Alembic's rules", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", { embedded: "unused" });
      const up = async (target: string): Promise<string[]> => {
        await upgrade(project.config, { target, executor });
        const now = await rows(executor, project);
        expect(await tables(executor)).toEqual(expectedTables(project, now));
        return now;
      };
      const down = async (target: string): Promise<string[]> => {
        await downgrade(project.config, { target, executor });
        const now = await rows(executor, project);
        expect(await tables(executor)).toEqual(expectedTables(project, now));
        return now;
      };

      expect(await up(A)).toEqual([A]);
      await expect(up("+1")).rejects.toThrow(/branch point/);
      expect(await up(B)).toEqual([B]);
      expect(await up("ccc3")).toEqual([B, C].sort()); // a new branch off a revision that is no row: insert
      await expect(up("+1")).rejects.toThrow(/several revisions/);
      expect(await up(D)).toEqual([D]); // merge: one parent row deleted, the other updated
      expect(await up("+1")).toEqual([E]);
      expect(await down("-1")).toEqual([D]);
      expect(await down("-1")).toEqual([B, C].sort()); // downgrade of a merge leaves both parents
      expect(await up("heads")).toEqual([G, E].sort());
      expect(await down("other@base")).toEqual([E]);
      expect(await down("base")).toEqual([]);
      expect(await tables(executor)).toEqual([]);
      expect(await up("other@head")).toEqual([G]); // g needs b (dependsOn): b's row is implied by g
      expect(await up(D)).toEqual([D, G].sort());
      await expect(up("+1")).rejects.toThrow(/several revisions/);
      expect(await up("eee5")).toEqual([E, G].sort());
      expect(await down(`${E}-1`)).toEqual([D, G].sort());
      expect(await down(A)).toEqual([A, F].sort());
      expect(await up("heads")).toEqual([G, E].sort());
      expect(await down("base")).toEqual([]);
    });
  });

  it("runs whole plans to the plan's final rows, reporting every step", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", { embedded: "unused" });
      const graph = loadGraph(project.config);
      const tablesOf = runtimeTables(project.config);
      await ensureTables(postgres, executor, tablesOf);
      for (const [direction, target] of [["up", "heads"], ["down", "ccc3"], ["up", "eee5"], ["down", "base"]] as const) {
        const current = await rows(executor, project);
        const plan = direction === "up" ? planUpgrade(graph, current, target) : planDowngrade(graph, current, target);
        expect(plan.steps.length).toBeGreaterThan(0);
        const reported: string[] = [];
        await runPlan(plan, { dialect: postgres, executor,
          tables: tablesOf,
          root: project.dir,
          transactionMode: "per-revision",
          statementTimeout: null,
          onStep: (step) => reported.push(step.revision),
        });
        expect(reported).toEqual(plan.steps.map((s) => s.revision));
        expect(await rows(executor, project)).toEqual([...plan.rowsAfter].sort());
        expect(await tables(executor)).toEqual(expectedTables(project, plan.rowsAfter));
      }
    });
  });

  it("checks the rows in the table after each step, not only at the end", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", { embedded: "unused" });
      const graph = loadGraph(project.config);
      const tablesOf = runtimeTables(project.config);
      await ensureTables(postgres, executor, tablesOf);
      const plan = planUpgrade(graph, [], "heads");
      const snapshots: string[][] = [];
      let simulated = new Set<string>();
      const expectedAfter: string[][] = [];
      for (const step of plan.steps) {
        for (const change of step.versionChanges) {
          if (change.kind === "insert") simulated.add(change.revision);
          else if (change.kind === "delete") simulated.delete(change.revision);
          else {
            simulated.delete(change.from);
            simulated.add(change.to);
          }
        }
        expectedAfter.push([...simulated].sort());
        simulated = new Set(simulated);
      }
      // onStep is synchronous: read the rows between steps by running the plan one step at a time
      for (const [i, step] of plan.steps.entries()) {
        await runPlan({ steps: [step], rowsBefore: [], rowsAfter: [] }, { dialect: postgres, executor, tables: tablesOf, root: project.dir, transactionMode: "per-revision", statementTimeout: null });
        snapshots.push(await rows(executor, project));
        expect(snapshots[i]).toEqual(expectedAfter[i]);
      }
      expect(snapshots[snapshots.length - 1]).toEqual([E, G].sort());
    });
  });

  it("stamps without running anything, and --purge clears the table first", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", { embedded: "unused" });
      await upgrade(project.config, { target: A, executor });
      await upgrade(project.config, { target: F, executor });
      expect(await rows(executor, project)).toEqual([A, F].sort());
      const stamped = await stamp(project.config, { targets: [E], executor });
      expect(stamped.to).toEqual([E, F].sort());
      expect(await rows(executor, project)).toEqual([E, F].sort()); // f is on another branch: kept
      expect(await tables(executor)).toEqual(["aaa1", "fff6"]); // nothing ran
      await stamp(project.config, { targets: [C], executor });
      expect(await rows(executor, project)).toEqual([C, F].sort()); // a stamp down replaces the related row
      await executor.query(`INSERT INTO migrator_version VALUES ('deadbeef0000')`);
      await expect(stamp(project.config, { targets: ["heads"], executor })).rejects.toThrow(/deadbeef0000.*no revision file/);
      await stamp(project.config, { targets: [B], purge: true, executor });
      expect(await rows(executor, project)).toEqual([B]);
      await stamp(project.config, { targets: ["base"], executor });
      expect(await rows(executor, project)).toEqual([]);
    });
  });
});
