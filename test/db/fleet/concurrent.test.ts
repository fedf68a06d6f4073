/**
 * Two processes running the same fleet command at once: each target's lock
 * lets one of them run its revisions and the other find it done, so every
 * revision runs once per target and both processes succeed.
 */
import { describe, expect, it } from "vitest";
import { serverUrl } from "../../helpers/databases";
import { runCliProcess } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";
import { type ReportJson, targetList, withServerDatabases, writeChain, writeFleetConfig } from "./fleet-project";

const admin = serverUrl();
const onServer = admin ? describe : describe.skip;

onServer("concurrent fleet runs", () => {
  it("migrates each target once when two `upgrade head --all` run together", async () => {
    await withServerDatabases(admin as string, 6, async (fleet) => {
      await withTempDir(async (dir) => {
        const ids = writeChain(dir, 6);
        const targets = fleet.urls.map((url, i) => ({ name: `db${i + 1}`, url }));
        writeFleetConfig(dir, { database: `{ url: ${JSON.stringify(fleet.urls[0])} }`, targets: targetList(targets) });
        const runs = await Promise.all([
          runCliProcess(["upgrade", "head", "--all", "--concurrency", "3", "--json"], dir),
          runCliProcess(["upgrade", "head", "--all", "--concurrency", "2", "--json"], dir),
        ]);
        for (const run of runs) expect(run.code, run.stderr).toBe(0);
        const reports = runs.map((run) => JSON.parse(run.stdout) as ReportJson);
        // per target: the steps of both runs add up to the chain, once
        targets.forEach((_, i) => {
          const steps = reports.map((r) => r.targets[i]?.steps ?? 0);
          expect(steps.reduce((a, b) => a + b, 0)).toBe(ids.length);
        });
        for (let i = 0; i < targets.length; i++) {
          const rows = await (await fleet.db(i)).query<{ revision: string; n: string }>("SELECT revision, count(*) AS n FROM runs GROUP BY revision ORDER BY revision::int");
          expect(rows.rows.map((r) => [r.revision, Number(r.n)])).toEqual(ids.map((_, k) => [String(k + 1), 1]));
          const logged = await (await fleet.db(i)).query<{ n: string }>("SELECT count(*) AS n FROM migrator_log WHERE direction = 'up'");
          expect(Number(logged.rows[0]?.n)).toBe(ids.length);
        }
      });
    });
  });
});
