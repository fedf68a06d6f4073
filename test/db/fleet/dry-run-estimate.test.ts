/** A fleet's dry run estimates each target against its own catalog: the same revision, each target's own table size. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MigrateResult } from "../../../src/runtime/migrate";
import { runCli } from "../../helpers/cli";
import { serverUrl } from "../../helpers/databases";
import { withTempDir } from "../../helpers/tmp";
import { targetList, withServerDatabases, writeFleetConfig } from "./fleet-project";

const admin = serverUrl();
const onServer = admin ? describe : describe.skip;

onServer("a fleet's dry run", () => {
  it("gives each target the sizes of its own tables", async () => {
    await withServerDatabases(admin as string, 2, async (fleet) => {
      await withTempDir(async (dir) => {
        mkdirSync(join(dir, "migrations"));
        writeFileSync(join(dir, "migrations", "0a0100000000_fill.sql"), "-- revision: 0a0100000000\n-- down_revision: none\n\nUPDATE items SET n = n + 1;\n\n-- @UNDO\n\nUPDATE items SET n = n - 1;\n");
        const rows = [200, 1500];
        for (const [i, count] of rows.entries()) {
          await (await fleet.db(i)).exec(`CREATE TABLE items (n int); INSERT INTO items SELECT generate_series(1, ${count}); ANALYZE items`);
        }
        const targets = fleet.urls.map((url, i) => ({ name: `db${i + 1}`, url }));
        writeFleetConfig(dir, { database: `{ url: ${JSON.stringify(fleet.urls[0])} }`, targets: targetList(targets), entities: [] });
        const run = await runCli(["upgrade", "head", "--all", "--dry-run", "--json"], dir);
        expect(run.code, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout) as { targets: { name: string; data: MigrateResult }[] };
        const estimated = report.targets.map(({ data }) => (data.mode === "dry-run" ? data.steps[0]?.estimates?.[0]?.tables[0] : undefined));
        expect(estimated.map((effect) => [effect?.work, effect?.lock?.mode, effect?.size?.rows])).toEqual(rows.map((count) => ["scan", "ROW EXCLUSIVE", count]));
      });
    });
  });
});
