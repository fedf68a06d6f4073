/**
 * `check` and `revision --autogenerate` compare with the reference target
 * only; `check --all` reports drift per target, so a database changed by
 * hand shows up by name.
 */
import { describe, expect, it } from "vitest";
import { serverUrl } from "../../helpers/databases";
import { runCli } from "../../helpers/cli";
import { fixtureSet } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";
import { type ReportJson, targetList, withServerDatabases, writeFleetConfig } from "./fleet-project";

const admin = serverUrl();
const onServer = admin ? describe : describe.skip;

onServer("check across a fleet", () => {
  it("autogenerates against the reference target, and check --all names the target changed by hand", async () => {
    await withServerDatabases(admin as string, 3, async (fleet) => {
      await withTempDir(async (dir) => {
        const targets = fleet.urls.map((url, i) => ({ name: `db${i + 1}`, url }));
        // `database` names a database that does not exist: the reference is what is compared with
        writeFleetConfig(dir, {
          database: `{ url: ${JSON.stringify(`${fleet.urls[0]}_missing`)} }`,
          targets: targetList(targets),
          entities: [fixtureSet("phantoms")],
          extra: '  referenceTarget: "db3",\n',
        });
        const written = await runCli(["revision", "--autogenerate", "-m", "init"], dir);
        expect(written.stderr).toMatch(/^reference target db3 \(database: postgres:\/\/.*_3\)$/m);
        expect(written.code).toBe(0);
        const up = await runCli(["upgrade", "head", "--all"], dir);
        expect(up.code).toBe(0);

        await (await fleet.db(1)).exec("CREATE TABLE hand_made (id int)");
        const drift = await runCli(["check", "--all", "--json"], dir);
        expect(drift.code).toBe(1);
        const report = JSON.parse(drift.stdout) as ReportJson;
        expect(report.targets.map((t) => [t.name, t.result, t.steps])).toEqual([
          ["db1", "unchanged", 0],
          ["db2", "attention", 1],
          ["db3", "unchanged", 0],
        ]);
        const table = await runCli(["check", "--all"], dir);
        expect(table.stdout).toMatch(/^db2\s.*! drift: 1 operation \(1 destructive\)$/m);

        // plain check: the reference alone, which matches
        const plain = await runCli(["check"], dir);
        expect(plain.code).toBe(0);
        expect(plain.stderr).toMatch(/reference target db3/);
        // --url overrides the reference, as it overrides `database`
        const other = await runCli(["check", "--url", fleet.urls[1] as string], dir);
        expect(other.code).toBe(1);

        // a target the fleet cannot reach fails alone, with exit code 2 as check's errors have
        await (await fleet.db(0)).exec("DELETE FROM migrator_version");
        const broken = await runCli(["check", "--all"], dir);
        expect(broken.code).toBe(2);
        expect(broken.stdout).toMatch(/^db1\s.*FAILED: the database is not at the head/m);
      });
    });
  });
});
