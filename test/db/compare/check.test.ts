import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli";
import { backendsUnderTest, serverUrl, withDatabase } from "../../helpers/databases";
import { databaseEntry, fixtureSet, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";
import { synchronize } from "../../helpers/typeorm-sync";

const SETS = ["core", "trees", "inheritance", "schemas", "phantoms"] as const;

describe.each(backendsUnderTest())("migrator check on $name", (backend) => {
  it("lists what an empty database lacks, counts destructive changes, and exits 1", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(
        backend,
        async (db) => {
          await db.executor.exec(`CREATE TABLE "legacy" (id int); CREATE TABLE "example" (id int)`);
          await db.executor.close();
          writeProject(dir, { entities: [fixtureSet("core")], database: databaseEntry(db) });
          const result = await runCli(["check"], dir);
          expect(result.stderr).not.toMatch(/^error:/m);
          expect(result.code).toBe(1);
          expect(result.stdout).toMatch(/create table "public"\."post"|create table "post"/);
          expect(result.stdout).toMatch(/drop table .*legacy/);
          expect(result.stdout).toMatch(/\d+ changes to apply, 2 destructive \(marked !\)\n$/);
          const json = await runCli(["check", "--json"], dir);
          const data = JSON.parse(json.stdout) as { upToDate: boolean; destructiveCount: number; operations: { op: { kind: string } }[] };
          expect(data.upToDate).toBe(false);
          expect(data.destructiveCount).toBe(2);
          expect(data.operations.some((o) => o.op.kind === "createTable")).toBe(true);
        },
        backend.name === "pglite" ? { onDisk: join(dir, "db") } : {},
      );
    });
  });
});

describe("check after TypeORM's own synchronize", () => {
  const admin = serverUrl();
  it.skipIf(!admin).each(SETS)("finds nothing for fixture set %s", async (set) => {
    await withTempDir(async (dir) => {
      await withDatabase({ name: "server", adminUrl: admin ?? "" }, async (db) => {
        const fixture = (await import(`../../fixtures/entities/${set}`)) as { entities: Function[]; SCHEMAS?: readonly string[] };
        await synchronize(db.url ?? "", fixture.entities, fixture.SCHEMAS ?? []);
        writeProject(dir, { entities: [fixtureSet(set)], database: databaseEntry(db) });
        const result = await runCli(["check"], dir);
        expect(result.stdout).toBe("up to date: the database matches the entities\n");
        expect(result.code).toBe(0);
      });
    });
  });
});

describe("check errors", () => {
  it("an unreachable database is one line naming host, port and database", async () => {
    await withTempDir(async (dir) => {
      writeProject(dir, { entities: [fixtureSet("core")], database: `{ url: "postgres://me:pw@127.0.0.1:1/nowhere" }` });
      const result = await runCli(["check"], dir);
      expect(result.code).toBe(2);
      const [named, error] = result.stderr.split("\n");
      expect(named).toBe("database: postgres://me@127.0.0.1:1/nowhere");
      expect(error).toMatch(/^error: cannot connect to postgres:\/\/me@127\.0\.0\.1:1\/nowhere: /);
      expect(result.stderr).not.toContain("pw");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it("a broken entity file is one line naming the file", async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, "entities"));
      writeFileSync(join(dir, "entities", "broken.ts"), `import { Entity } from "typeorm";\n@Entity()\nexport class Broken {\n  id!: number\n  @@@\n}\n`);
      writeProject(dir, { entities: ["entities/*.ts"], database: `{ embedded: "db" }` });
      const result = await runCli(["check"], dir);
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n").slice(0, 2)).toEqual(["embedded: db", expect.stringMatching(/^error: syntax error in entity file entities\/broken\.ts:5:4: Expected ident$/)]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it("an entity TypeORM rejects is one line naming the entity", async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, "entities"));
      writeFileSync(
        join(dir, "entities", "nokey.ts"),
        `import { Column, Entity } from "typeorm";\n@Entity()\nexport class NoKey {\n  @Column() name!: string;\n}\n`,
      );
      writeProject(dir, { entities: ["entities/*.ts"], database: `{ embedded: "db" }` });
      const result = await runCli(["check"], dir);
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n").slice(0, 2)).toEqual(["embedded: db", expect.stringMatching(/^error: .*NoKey/)]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
