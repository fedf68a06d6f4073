/**
 * The commands as a library, as an application runs them at start-up:
 * autogenerate, upgrade, current, check, history, downgrade; the data each
 * returns is what the CLI prints with --json, and failures are typed errors.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMigrator, MigratorError, RevisionError } from "../../../src";
import { backendsUnderTest } from "../../helpers/databases";
import { runCli } from "../../helpers/cli";
import { configure, withProject } from "../guarantees/support";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\nexport class Widget {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column({ length: 40 }) name!: string;\n}\n`;

describe.each(backendsUnderTest())("createMigrator on $name", (backend) => {
  it("runs a project's commands and returns the CLI's --json data", async () => {
    await withProject(backend, async (dir, db) => {
      writeFileSync(join(dir, "widget.ts"), ENTITY);
      configure(dir, ["widget.ts"], db);
      const migrator = createMigrator({ cwd: dir });
      const written = await migrator.revision({ message: "widgets", autogenerate: true, revId: "a1b2c3d4e5f6" });
      expect(written).toMatchObject({ operations: 1, revision: { revision: "a1b2c3d4e5f6", message: "widgets" } });
      // written, not applied: check refuses a database behind the heads
      await expect(migrator.check()).rejects.toThrow(/not at the head/);
      const applied = await migrator.upgrade();
      expect(applied).toMatchObject({ from: [], to: ["a1b2c3d4e5f6"] });
      expect(await migrator.current()).toEqual(JSON.parse((await runCli(["--json", "current"], dir)).stdout));
      expect(await migrator.check()).toMatchObject({ upToDate: true, operations: [] });
      expect((await migrator.history()).revisions.map((r) => r.revision)).toEqual(["a1b2c3d4e5f6"]);
      expect((await migrator.log()).steps.map((s) => s.direction)).toEqual(["up"]);
      expect(await migrator.heads()).toEqual(JSON.parse((await runCli(["--json", "heads", "--verbose"], dir)).stdout));
      expect(await migrator.current()).toMatchObject({ revisions: ["a1b2c3d4e5f6"] });
      await migrator.downgrade("base");
      expect(await migrator.current()).toMatchObject({ revisions: [] });
      await expect(migrator.status()).resolves.toMatchObject({ current: [], state: "behind", pending: [{ revision: "a1b2c3d4e5f6" }] });
    });
  });

  it("throws typed errors, and takes an inline config", async () => {
    await withProject(backend, async (dir, db) => {
      writeFileSync(join(dir, "widget.ts"), ENTITY);
      const database = db.url ? { url: db.url } : { embedded: db.dataDir as string };
      const migrator = createMigrator({ cwd: dir, config: { entities: ["widget.ts"], migrations: "versions", database } });
      const failure = await migrator.upgrade("nope").then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(RevisionError);
      expect(failure).toBeInstanceOf(MigratorError);
      await expect(createMigrator({ cwd: dir, configPath: "missing.ts" }).current()).rejects.toThrow(/config file not found: missing\.ts/);
    });
  });
});
