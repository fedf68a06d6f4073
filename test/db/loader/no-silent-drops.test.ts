/**
 * What the loader reads wrong must never turn into dropped tables: a
 * corrupted transpile cache entry is rebuilt (it made autogenerate write
 * `op.dropTable("item")`), and entity globs that match fewer files than last
 * time are said out loud.
 */
import { readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backendsUnderTest } from "../../helpers/databases";
import { runCli, runCliProcess } from "../../helpers/cli";
import { configure, withProject } from "../guarantees/support";

const ITEM = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\nexport class Item {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() name!: string;\n}\n`;
const NOTE = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\nexport class Note {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column({ type: "text" }) body!: string;\n}\n`;

/** In this process: the steps whose modules may stay loaded. */
const run = (dir: string, args: string[]) => runCli(args, dir);

describe.each(backendsUnderTest())("no silent drops on $name", (backend) => {
  it("a corrupted transpile cache entry is rebuilt, not read as an empty entity file", async () => {
    await withProject(backend, async (dir, db) => {
      writeFileSync(join(dir, "item.ts"), ITEM);
      writeFileSync(join(dir, "note.ts"), NOTE);
      configure(dir, ["item.ts", "note.ts"], db);
      expect((await run(dir, ["revision", "--autogenerate", "-m", "initial"])).code).toBe(0);
      expect((await run(dir, ["upgrade", "head"])).code).toBe(0);
      const cacheDir = join(dir, ".migrator", "cache", "ts");
      for (const entry of readdirSync(cacheDir)) writeFileSync(join(cacheDir, entry), "");
      // a process of its own, which must read the entity files through the cache
      const again = await runCliProcess(["revision", "--autogenerate", "-m", "nothing"], dir);
      expect(again.stdout + again.stderr).not.toMatch(/drop/i);
      expect(again.stdout).toMatch(/No changes detected/);
      expect(readdirSync(join(dir, "migrations"))).toHaveLength(1);
    });
  });

  it("globs that match fewer files than last time are named in a warning", async () => {
    await withProject(backend, async (dir, db) => {
      writeFileSync(join(dir, "item.ts"), ITEM);
      writeFileSync(join(dir, "note.ts"), NOTE);
      configure(dir, ["*.ts", "!migrator.config.ts"], db);
      expect((await run(dir, ["revision", "--autogenerate", "-m", "initial"])).code).toBe(0);
      expect((await run(dir, ["upgrade", "head"])).code).toBe(0);
      renameSync(join(dir, "note.ts"), join(dir, "note.ts.bak"));
      const check = await run(dir, ["check"]);
      expect(check.code).toBe(1);
      expect(check.stderr).toContain("warning: the entity globs match 1 file(s) fewer than last time (note.ts)");
      // said once: the next run compares with this one
      expect((await run(dir, ["check"])).stderr).not.toContain("fewer than last time");
    });
  });
});
