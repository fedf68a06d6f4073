import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config";
import { loadEntities } from "../../../src/loader/entities";
import { readEntityModel } from "../../../src/entities";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";
import { postgres } from "../../../src/dialect";

describe("migrator init", () => {
  it("writes a project whose config and example entity load with decorator metadata intact", async () => {
    await withTempDir(async (dir) => {
      const result = await runCli(["init"], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("wrote migrator.config.ts");
      for (const file of ["migrator.config.ts", "entities/example.ts", "templates/revision.ts.hbs", "templates/revision.sql.hbs", "migrations/.gitkeep"]) {
        expect(existsSync(join(dir, file)), file).toBe(true);
      }
      // the npm package's name: what an installed project resolves
      expect(readFileSync(join(dir, "migrator.config.ts"), "utf8")).toContain('import { defineConfig } from "typeorm-migrator";');
      const config = loadConfig({ cwd: dir });
      expect(config.template).toBe(join(dir, "templates", "revision.ts.hbs"));
      expect(config.sqlTemplate).toBe(join(dir, "templates", "revision.sql.hbs"));
      const loaded = await loadEntities(config);
      expect(loaded.files).toEqual([join(dir, "entities", "example.ts")]);
      const [example] = loaded.entities as Function[];
      expect(example.name).toBe("Example");
      // TypeORM infers `name`'s type from design:type: the loader must have emitted it
      expect(Reflect.getMetadata("design:type", example.prototype, "name")).toBe(String);
      const { model } = await readEntityModel(loaded.entities, { dialect: postgres, typeorm: loaded.typeorm });
      const table = model.tables.find((t) => t.name === "example");
      expect(table?.columns.map((c) => [c.name, c.type])).toEqual([
        ["id", "integer"],
        ["name", "character varying(200)"],
        ["note", "character varying"],
        ["createdAt", "TIMESTAMP"],
      ]);
    });
  });

  it("refuses to overwrite, and --force overwrites", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "migrator.config.ts"), "// mine\n");
      const refused = await runCli(["init"], dir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe("error: migrator.config.ts already exists in .\nhint: pass --force to overwrite\n");
      expect(readFileSync(join(dir, "migrator.config.ts"), "utf8")).toBe("// mine\n");
      const forced = await runCli(["init", "--force"], dir);
      expect(forced.code).toBe(0);
      expect(readFileSync(join(dir, "migrator.config.ts"), "utf8")).toContain("defineConfig");
    });
  });

  it("adds .migrator/ to the .gitignore and writes a tsconfig.json only where there is none", async () => {
    await withTempDir(async (dir) => {
      expect((await runCli(["init"], dir)).code).toBe(0);
      expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe(".migrator/\n");
      const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
      expect(tsconfig.compilerOptions).toMatchObject({ experimentalDecorators: true, emitDecoratorMetadata: true });
    });
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, ".gitignore"), "node_modules/\ndist");
      writeFileSync(join(dir, "tsconfig.json"), "{}\n");
      expect((await runCli(["init"], dir)).code).toBe(0);
      expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe("node_modules/\ndist\n.migrator/\n");
      expect(readFileSync(join(dir, "tsconfig.json"), "utf8")).toBe("{}\n");
      // run again: nothing added twice
      expect((await runCli(["init", "--force"], dir)).code).toBe(0);
      expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe("node_modules/\ndist\n.migrator/\n");
    });
  });

  it("writes into a named folder", async () => {
    await withTempDir(async (dir) => {
      const result = await runCli(["init", "app"], dir);
      expect(result.code).toBe(0);
      expect(existsSync(join(dir, "app", "migrator.config.ts"))).toBe(true);
    });
  });
});

describe("CLI usage", () => {
  it("--help lists the commands and global options", async () => {
    const result = await runCli(["--help"], process.cwd());
    expect(result.code).toBe(0);
    for (const word of ["init", "--config", "--url", "--json", "--debug"]) expect(result.stdout).toContain(word);
  });

  it("an unknown command or option is a usage error: one line, exit 2", async () => {
    const unknown = await runCli(["frobnicate"], process.cwd());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split("\n")[0]).toBe('error: unknown command "frobnicate"');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    // a near miss names what was typed and the command meant
    const typo = await runCli(["--config", "x.ts", "upgrde", "head"], process.cwd());
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('error: unknown command "upgrde"\nhint: did you mean "upgrade"? (see migrator --help)\n');
    const none = await runCli([], process.cwd());
    expect(none.code).toBe(2);
  });
});
