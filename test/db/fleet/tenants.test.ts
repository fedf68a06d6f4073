/**
 * Schema-per-tenant: targets in one database, each with its schema. A
 * tenant's revisions create their unqualified tables in its schema, and it
 * keeps its own version and log tables there (so its own lock too). On
 * PGlite as on the server: embedded targets in one folder take turns on its
 * one instance.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backendsUnderTest, withDatabase, type TestDatabase } from "../../helpers/databases";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";
import { type ReportJson, targetList, uniqueName, writeChain, writeFleetConfig } from "./fleet-project";

function target(db: TestDatabase, name: string, schema: string): { name: string; url?: string; embedded?: string; schema: string } {
  return db.url ? { name, url: db.url, schema } : { name, embedded: db.dataDir as string, schema };
}

async function tablesIn(db: TestDatabase, schema: string): Promise<string[]> {
  const rows = await db.executor.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schema]);
  return rows.rows.map((r) => r.name);
}

describe.each(backendsUnderTest())("schema-per-tenant on $name", (backend) => {
  it("upgrades each tenant in its schema, reports status per tenant, and a tenant behind shows up", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(
        backend,
        async (db) => {
          const ids = writeChain(dir, 3);
          const schemas = [uniqueName("tenant_a"), uniqueName("tenant_b"), uniqueName("tenant_c")];
          const targets = schemas.map((schema, i) => target(db, `t${i + 1}`, schema));
          const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
          writeFleetConfig(dir, { database, targets: targetList(targets) });

          const up = await runCli(["upgrade", "head", "--all", "--json"], dir);
          expect(up.stderr).not.toMatch(/error/);
          expect(up.code).toBe(0);
          const report = JSON.parse(up.stdout) as ReportJson;
          expect(report.targets.map((t) => [t.name, t.result, t.to])).toEqual(targets.map((t) => [t.name, "done", [ids[2]]]));
          for (const schema of schemas) {
            expect(await tablesIn(db, schema)).toEqual(["migrator_log", "migrator_version", "runs", "t2", "t3"]);
            const rows = await db.executor.query<{ v: string }>(`SELECT version_num AS v FROM "${schema}".migrator_version`);
            expect(rows.rows.map((r) => r.v)).toEqual([ids[2]]);
          }
          // nothing in the default schema: no tenant's name fell through to it
          expect(await tablesIn(db, "public")).toEqual([]);

          expect((await runCli(["status", "--check", "--all"], dir)).code).toBe(0);
          const down = await runCli(["downgrade", "-1", "--target", "t2"], dir);
          expect(down.code).toBe(0);
          expect(down.stdout).toMatch(new RegExp(`^t2 \\(${schemas[1]}\\)\\s+${ids[2]}\\s+${ids[1]}\\s+1\\s.*downgraded, 1 step$`, "m"));
          expect(await tablesIn(db, schemas[1] as string)).toEqual(["migrator_log", "migrator_version", "runs", "t2"]);
          expect(await tablesIn(db, schemas[0] as string)).toContain("t3");

          const status = await runCli(["status", "--check", "--all"], dir);
          expect(status.code).toBe(1);
          expect(status.stdout).toMatch(new RegExp(`^t2 \\(${schemas[1]}\\)\\s+${ids[1]}\\s+${ids[2]}\\s+1\\s.*! behind: 1 pending$`, "m"));
          expect(status.stdout).toMatch(/3 targets: 2 unchanged, 1 need attention/);
          const current = await runCli(["current", "--all", "--check-heads", "--json"], dir);
          expect(current.code).toBe(1);
          expect((JSON.parse(current.stdout) as ReportJson).targets.map((t) => t.result)).toEqual(["unchanged", "attention", "unchanged"]);

          const log = await runCli(["log", "--target", "t2", "--json"], dir);
          expect((JSON.parse(log.stdout) as ReportJson).targets[0]?.steps).toBe(4);
        },
        { onDisk: join(dir, "db") },
      );
    });
  });
});

