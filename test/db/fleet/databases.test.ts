/**
 * A fleet of databases on the server (PGlite holds one database per folder):
 * targets from a list and from a query, a failing target among good ones,
 * a rerun after the failure, --fail-fast and --canary, and the statements
 * each target costs not growing with the fleet.
 */
import { describe, expect, it } from "vitest";
import { serverUrl } from "../../helpers/databases";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";
import { type ReportJson, targetList, withServerDatabases, writeChain, writeFleetConfig } from "./fleet-project";

const admin = serverUrl();
const onServer = admin ? describe : describe.skip;

async function versionRows(fleet: { db(i: number): Promise<import("../../../src/db/types").Executor> }, i: number): Promise<string[]> {
  const exists = (await (await fleet.db(i)).query<{ found: boolean }>("SELECT to_regclass('public.migrator_version') IS NOT NULL AS found")).rows[0]?.found;
  if (!exists) return [];
  return (await (await fleet.db(i)).query<{ version_num: string }>("SELECT version_num FROM public.migrator_version")).rows.map((r) => r.version_num);
}

onServer("a fleet of databases", () => {
  it("upgrades every target of a list, reports each, and a second run finds them all there", async () => {
    await withServerDatabases(admin as string, 5, async (fleet) => {
      await withTempDir(async (dir) => {
        const ids = writeChain(dir, 4);
        const targets = fleet.urls.map((url, i) => ({ name: `db${i + 1}`, url }));
        writeFleetConfig(dir, { database: `{ url: ${JSON.stringify(fleet.urls[0])} }`, targets: targetList(targets) });

        const first = await runCli(["upgrade", "head", "--all", "--concurrency", "2"], dir);
        expect(first.code).toBe(0);
        const lines = first.stdout.trim().split("\n");
        expect(lines[0]).toMatch(/^target\s+from\s+to\s+steps\s+duration\s+result$/);
        for (const { name } of targets) expect(first.stdout).toMatch(new RegExp(`^${name}\\s+base\\s+${ids[3]}\\s+4\\s.*upgraded, 4 steps$`, "m"));
        expect(first.stdout).toMatch(/5 targets: 5 done; concurrency 2, peak 2 connections/);
        // the progress line's last state
        expect(first.stderr).toMatch(/5\/5 done, 0 failed, 0 running\n$/);
        for (let i = 0; i < 5; i++) expect(await versionRows(fleet, i)).toEqual([ids[3]]);

        const again = await runCli(["upgrade", "head", "--all", "--json"], dir);
        expect(again.code).toBe(0);
        const report = JSON.parse(again.stdout) as ReportJson;
        expect(report.targets.map((t) => [t.name, t.result, t.steps])).toEqual(targets.map((t) => [t.name, "unchanged", 0]));
        expect(report.peakConnections).toBeLessThanOrEqual(report.concurrency);
      });
    });
  });

  it("takes the targets a config function returns from a query, and --target globs pick some", async () => {
    await withServerDatabases(admin as string, 3, async (fleet) => {
      await withTempDir(async (dir) => {
        writeChain(dir, 2);
        const prefix = (fleet.names[0] as string).replace(/_1$/, "_");
        // the fleet as the server's catalog lists it: each database of the prefix is a target
        const targets = `async () => {
    const { Client } = require(${JSON.stringify(require.resolve("pg"))});
    const client = new Client({ connectionString: ${JSON.stringify(admin)} });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname", [${JSON.stringify(prefix)}]);
      return rows.map((r: { datname: string }) => ({ name: r.datname.slice(${prefix.length}), url: ${JSON.stringify(admin)}.replace(/\\/[^/]*$/, "/" + r.datname) }));
    } finally {
      await client.end();
    }
  }`;
        writeFleetConfig(dir, { database: `{ url: ${JSON.stringify(fleet.urls[0])} }`, targets });
        const some = await runCli(["upgrade", "head", "--target", "[12]", "--json"], dir);
        expect(some.code).toBe(2);
        expect(some.stderr).toMatch(/--target \[12\]: no target of that name/);

        const picked = await runCli(["upgrade", "head", "--target", "1", "--target=3", "--json"], dir);
        expect(picked.code).toBe(0);
        expect((JSON.parse(picked.stdout) as ReportJson).targets.map((t) => [t.name, t.result])).toEqual([["1", "done"], ["3", "done"]]);
        expect(await versionRows(fleet, 1)).toEqual([]);

        const all = await runCli(["status", "--check", "--all", "--json"], dir);
        expect(all.code).toBe(1);
        expect((JSON.parse(all.stdout) as ReportJson).targets.map((t) => [t.name, t.result])).toEqual([["1", "unchanged"], ["2", "attention"], ["3", "unchanged"]]);
        const glob = await runCli(["upgrade", "head", "--target", "*"], dir);
        expect(glob.code).toBe(0);
        expect(glob.stdout).toMatch(/3 targets: 1 done, 2 unchanged/);
      });
    });
  });

  it("a failing target fails alone: the others reach head, the table names the failure, the exit code is 1; a rerun finishes it", async () => {
    await withServerDatabases(admin as string, 4, async (fleet) => {
      await withTempDir(async (dir) => {
        const ids = writeChain(dir, 3);
        const targets = fleet.urls.map((url, i) => ({ name: `db${i + 1}`, url }));
        writeFleetConfig(dir, { database: `{ url: ${JSON.stringify(fleet.urls[0])} }`, targets: targetList(targets) });
        // db2 already has the table revision 3 creates
        await (await fleet.db(1)).exec("CREATE TABLE t3 (id int)");

        const failed = await runCli(["upgrade", "head", "--all"], dir);
        expect(failed.code).toBe(1);
        expect(failed.stdout).toMatch(/^db2\s.*FAILED: .*relation "t3" already exists/m);
        for (const name of ["db1", "db3", "db4"]) expect(failed.stdout).toMatch(new RegExp(`^${name}\\s+base\\s+${ids[2]}\\s+3\\s.*upgraded, 3 steps$`, "m"));
        expect(failed.stdout).toMatch(/4 targets: 3 done, 1 failed/);
        expect(failed.stderr).toMatch(/db2: error: .*"t3" already exists/);
        expect(failed.stderr).toMatch(/4\/4 done, 1 failed, 0 running/);
        // per-revision transactions: db2 kept its first two revisions
        expect(await versionRows(fleet, 1)).toEqual([ids[1]]);

        await (await fleet.db(1)).exec("DROP TABLE t3");
        const rerun = await runCli(["upgrade", "head", "--all", "--json"], dir);
        expect(rerun.code).toBe(0);
        const report = JSON.parse(rerun.stdout) as ReportJson;
        expect(report.targets.map((t) => [t.name, t.result, t.from, t.steps])).toEqual([
          ["db1", "unchanged", [ids[2]], 0],
          ["db2", "done", [ids[1]], 1],
          ["db3", "unchanged", [ids[2]], 0],
          ["db4", "unchanged", [ids[2]], 0],
        ]);
        const runs = await (await fleet.db(1)).query<{ revision: string }>("SELECT revision FROM runs ORDER BY revision");
        expect(runs.rows.map((r) => r.revision)).toEqual(["1", "2", "3"]);
      });
    });
  });

  it("--canary stops after a failing canary, --fail-fast starts nothing after a failure", async () => {
    await withServerDatabases(admin as string, 4, async (fleet) => {
      await withTempDir(async (dir) => {
        writeChain(dir, 2);
        const targets = fleet.urls.map((url, i) => ({ name: `db${i + 1}`, url }));
        writeFleetConfig(dir, { database: `{ url: ${JSON.stringify(fleet.urls[0])} }`, targets: targetList(targets) });
        await (await fleet.db(0)).exec("CREATE TABLE t2 (id int)");

        const canary = await runCli(["upgrade", "head", "--all", "--canary", "1", "--json"], dir);
        expect(canary.code).toBe(1);
        const report = JSON.parse(canary.stdout) as ReportJson;
        expect(report.stopped).toBe("canary");
        expect(report.targets.map((t) => t.result)).toEqual(["failed", "not run", "not run", "not run"]);
        for (let i = 1; i < 4; i++) expect(await versionRows(fleet, i)).toEqual([]);

        const failFast = await runCli(["upgrade", "head", "--all", "--fail-fast", "--concurrency", "1"], dir);
        expect(failFast.code).toBe(1);
        expect(failFast.stdout).toMatch(/^db2\s+-\s+-\s+-\s+-\s+not run: --fail-fast after a failure$/m);
        expect(failFast.stdout).toMatch(/1 failed, 3 not run \(stopped by --fail-fast\)/);

        // the canary passing, the rest follow
        await (await fleet.db(0)).exec("DROP TABLE t2");
        const passing = await runCli(["upgrade", "head", "--all", "--canary", "2", "--json"], dir);
        expect(passing.code).toBe(0);
        expect((JSON.parse(passing.stdout) as ReportJson).counts).toMatchObject({ done: 4, failed: 0, "not run": 0 });
      });
    });
  });

  it("each target costs the same statements whatever the fleet's size", async () => {
    await withServerDatabases(admin as string, 6, async (fleet) => {
      await withTempDir(async (dir) => {
        writeChain(dir, 5);
        const targets = fleet.urls.map((url, i) => ({ name: `db${i + 1}`, url }));
        writeFleetConfig(dir, { database: `{ url: ${JSON.stringify(fleet.urls[0])} }`, targets: targetList(targets) });
        const alone = JSON.parse((await runCli(["upgrade", "head", "--target", "db1", "--json"], dir)).stdout) as ReportJson;
        const rest = JSON.parse((await runCli(["upgrade", "head", "--target", "db*", "--json"], dir)).stdout) as ReportJson;
        const upgraded = rest.targets.filter((t) => t.result === "done");
        expect(upgraded).toHaveLength(5);
        const perTarget = new Set(upgraded.map((t) => t.queries));
        expect([...perTarget]).toEqual([alone.targets[0]?.queries]);
      });
    });
  });
});
