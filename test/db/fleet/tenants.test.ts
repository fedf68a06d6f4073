/**
 * Schema-per-tenant: targets in one database, each with its schema. A
 * tenant's revisions create their unqualified tables in its schema, and it
 * keeps its own version and log tables there (so its own lock too). On
 * PGlite as on the server: embedded targets in one folder take turns on its
 * one instance.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backendsUnderTest, withDatabase, type TestDatabase } from "../../helpers/databases";
import { runCli } from "../../helpers/cli";
import { fixtureSet } from "../../helpers/project";
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

  it("check --all compares each tenant's schema with the entities: a tenant changed by hand shows up", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(
        backend,
        async (db) => {
          // the phantoms fixture's table as migrator renders it, unqualified: it lands in each tenant's schema
          mkdirSync(join(dir, "migrations"));
          writeFileSync(join(dir, "migrations", "0000000000a1_phantom.sql"), PHANTOM_REVISION);
          // extensions are per database: in public, where the tenants' search_path finds them
          await db.executor.exec('CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public');
          const schemas = [uniqueName("tenant_a"), uniqueName("tenant_b")];
          const targets = schemas.map((schema, i) => target(db, `t${i + 1}`, schema));
          const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
          writeFleetConfig(dir, { database, targets: targetList(targets), entities: [fixtureSet("phantoms")], extra: '  referenceTarget: "t1",\n' });
          expect((await runCli(["upgrade", "head", "--all"], dir)).code).toBe(0);
          const clean = await runCli(["check", "--all"], dir);
          expect(clean.stdout).toMatch(/2 targets: 2 unchanged/);
          expect(clean.code).toBe(0);

          await db.executor.exec(`ALTER TABLE "${schemas[1]}".phantom ADD COLUMN by_hand int`);
          const drift = await runCli(["check", "--all"], dir);
          expect(drift.code).toBe(1);
          expect(drift.stdout).toMatch(/^t1 \(\S+\)\s.*matches the entities$/m);
          expect(drift.stdout).toMatch(/^t2 \(\S+\)\s.*! drift: 1 operation \(1 destructive\)$/m);
          // the reference tenant alone for a plain check; autogenerate refuses a tenant as its reference
          expect((await runCli(["check"], dir)).code).toBe(0);
          const generate = await runCli(["revision", "--autogenerate", "-m", "x"], dir);
          expect(generate.code).toBe(1);
          expect(generate.stderr).toMatch(/referenceTarget "t1" is a tenant schema: an autogenerated revision would name schema/);
        },
        { onDisk: join(dir, "db") },
      );
    });
  });
});

const PHANTOM_REVISION = `-- revision: 0000000000a1
-- down_revision: none
-- message: phantom

CREATE TABLE "phantom" (
  "id" uuid DEFAULT uuid_generate_v4() NOT NULL,
  "data" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "kind" character varying(40) DEFAULT 'guest'::character varying NOT NULL,
  "doubleColon" text DEFAULT 'a::b'::text NOT NULL,
  "ratio" numeric DEFAULT 1.5 NOT NULL,
  "externalId" uuid DEFAULT uuid_generate_v4() NOT NULL,
  "localAt" timestamp without time zone DEFAULT ('now'::text)::timestamp without time zone NOT NULL,
  "clock" time with time zone DEFAULT ('now'::text)::time with time zone NOT NULL,
  "big" bigint DEFAULT '9007199254740993'::bigint NOT NULL,
  "quarter" real DEFAULT '0.25'::real NOT NULL,
  "numbers" integer[] DEFAULT '{1,-2,3}'::integer[] NOT NULL,
  "list" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "flag" boolean DEFAULT false NOT NULL,
  CONSTRAINT "PK_573ed3a87551e191c844856c930" PRIMARY KEY ("id")
);

-- @UNDO

DROP TABLE "phantom";
`;
