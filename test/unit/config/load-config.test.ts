import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, PACKAGED_SQL_TEMPLATE_PATH, PACKAGED_TEMPLATE_PATH } from "../../../src/config";
import { ConfigError } from "../../../src/errors";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";

function writeConfig(dir: string, body: string, name = "migrator.config.ts"): void {
  writeFileSync(join(dir, name), body);
}

async function loadError(dir: string, configPath?: string): Promise<ConfigError> {
  try {
    loadConfig({ cwd: dir, configPath });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected loadConfig to fail");
}

describe("loadConfig", () => {
  it("loads a TypeScript config with defineConfig and applies defaults", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `import { defineConfig } from "typeorm-migrator";\nexport default defineConfig({ entities: ["entities/**/*.ts"], database: { url: "postgres://u@h:1/d" } });\n`);
      const config = loadConfig({ cwd: dir });
      expect(config.root).toBe(dir);
      expect(config.migrations).toEqual([join(dir, "migrations")]);
      expect(config.database).toEqual({ url: "postgres://u@h:1/d" });
      expect(config.versionTable).toBe("migrator_version");
      expect(config.logTable).toBe("migrator_log");
      expect(config.versionSchema).toBe("public");
      expect(config.transactionMode).toBe("per-revision");
      expect(config.template).toBe(PACKAGED_TEMPLATE_PATH);
      expect(config.sqlTemplate).toBe(PACKAGED_SQL_TEMPLATE_PATH);
      expect(config.typeormMetadata).toBe(true);
    });
  });

  it("still resolves the package's old name, \"migrator\", for configs written before the rename", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `import { defineConfig } from "migrator";\nexport default defineConfig({ entities: [], database: { url: "postgres://u@h:1/old" } });\n`);
      expect(loadConfig({ cwd: dir }).database).toEqual({ url: "postgres://u@h:1/old" });
    });
  });

  it("prefers the project's own template and resolves several migration folders", async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, "templates"));
      writeFileSync(join(dir, "templates", "revision.ts.hbs"), "x");
      writeFileSync(join(dir, "templates", "revision.sql.hbs"), "x");
      writeConfig(dir, `export default { entities: [], migrations: ["a", "b/c"], versionTable: "versions" };\n`);
      const config = loadConfig({ cwd: dir });
      expect(config.template).toBe(join(dir, "templates", "revision.ts.hbs"));
      expect(config.sqlTemplate).toBe(join(dir, "templates", "revision.sql.hbs"));
      expect(config.migrations).toEqual([join(dir, "a"), join(dir, "b/c")]);
      expect(config.versionTable).toBe("versions");
    });
  });

  it("--url overrides the config's database; DATABASE_URL fills a config without one", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `export default { entities: [] };\n`);
      const saved = process.env.DATABASE_URL;
      try {
        delete process.env.DATABASE_URL;
        expect(loadConfig({ cwd: dir }).database).toEqual({ embedded: ".migrator/db" });
        process.env.DATABASE_URL = "postgres://env@h/d";
        expect(loadConfig({ cwd: dir }).database).toEqual({ url: "postgres://env@h/d" });
        expect(loadConfig({ cwd: dir, url: "postgres://flag@h/d" }).database).toEqual({ url: "postgres://flag@h/d" });
      } finally {
        if (saved === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = saved;
      }
    });
  });

  it("a missing file names the file and suggests init", async () => {
    await withTempDir(async (dir) => {
      const error = await loadError(dir);
      expect(error.message).toBe("config file not found: migrator.config.ts");
      expect(error.hint).toMatch(/migrator init/);
      const explicit = await loadError(dir, "conf/other.ts");
      expect(explicit.message).toBe("config file not found: conf/other.ts");
    });
  });

  it("a syntax error names the file and the line", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `export default {\n  entities: [\n  migrations: "m",\n};\n`);
      const error = await loadError(dir);
      expect(error.message).toMatch(/^syntax error in migrator\.config\.ts:3:\d+: /);
      expect(error.message).not.toContain("\n");
    });
  });

  it("an exception thrown by the config names the file", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `throw new Error("no secrets here");\nexport default {};\n`);
      expect((await loadError(dir)).message).toBe("cannot load migrator.config.ts: no secrets here");
    });
  });

  it("an unknown key is named, with the closest known key", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `export default { entites: [] };\n`);
      const error = await loadError(dir);
      expect(error.message).toBe('unknown key "entites" in migrator.config.ts');
      expect(error.hint).toBe('did you mean "entities"?');
    });
  });

  it("a wrong type names the key and what it must be", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `export default { entities: [], migrations: 42 };\n`);
      expect((await loadError(dir)).message).toBe('"migrations" in migrator.config.ts must be a folder or a list of folders, got number 42');
      writeConfig(dir, `export default { entities: [], transactionMode: "sometimes" };\n`);
      expect((await loadError(dir)).message).toBe('"transactionMode" in migrator.config.ts must be "per-revision" or "all", got "sometimes"');
      writeConfig(dir, `export default { entities: [], typeormMetadata: "off" };\n`);
      expect((await loadError(dir)).message).toBe('"typeormMetadata" in migrator.config.ts must be true or false, got "off"');
      writeConfig(dir, `export default { entities: [], database: { host: "x" } };\n`);
      expect((await loadError(dir)).message).toMatch(/^"database" in migrator\.config\.ts must be \{ url: "postgres:\/\/\.\.\." \} or \{ embedded: "<folder>" \}, got keys "host"$/);
      writeConfig(dir, `export default { entities: [], database: { url: process.env.NOT_SET_ANYWHERE } };\n`);
      const unset = await loadError(dir);
      expect(unset.message).toBe('"database.url" in migrator.config.ts must be a non-empty string, got nothing (undefined)');
      expect(unset.hint).toMatch(/DATABASE_URL/);
    });
  });

  it("entities are required and the export must be an object", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `export default { migrations: "m" };\n`);
      expect((await loadError(dir)).message).toBe('"entities" is missing in migrator.config.ts');
      writeConfig(dir, `export default 3;\n`);
      expect((await loadError(dir)).message).toMatch(/must export a config object/);
    });
  });
});

describe("a config that exports nothing", () => {
  it.each([
    ["an empty file", "migrator.config.ts", ""],
    ["export default {}", "migrator.config.ts", "export default {};\n"],
    ["only an import", "migrator.config.ts", 'import { defineConfig } from "typeorm-migrator";\nconst config = defineConfig({ entities: [] });\n'],
    ["module.exports = {}", "migrator.config.js", "module.exports = {};\n"],
  ])("%s says so, with a hint", async (_, name, body) => {
    await withTempDir(async (dir) => {
      writeConfig(dir, body, name);
      const error = await loadError(dir, name);
      expect(error.message).toBe(`${name} exports nothing`);
      expect(error.hint).toMatch(/export default defineConfig\(\{ entities: /);
    });
  });
});

describe("a config with a password", () => {
  const SECRET = "Pw-S3cret-4242";

  it("a URL given as a string is quoted without its password", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `export default { entities: [], database: "postgres://app:${SECRET}@db.example:5432/app" };\n`);
      const error = await loadError(dir);
      expect(error.message).toMatch(/^"database" in migrator\.config\.ts must be \{ url: /);
      expect(error.message).toContain('got "postgres://app:***@db.example:5432/app"');
      expect(error.message).not.toContain(SECRET.slice(0, 5));
    });
  });
});

describe("config errors through the CLI", () => {
  it("print one line and a hint, exit 1, and no stack", async () => {
    await withTempDir(async (dir) => {
      writeConfig(dir, `export default { entites: [] };\n`);
      // `heads` needs the config; any config-reading command shows the same error
      const result = await runCli(["heads"], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('error: unknown key "entites" in migrator.config.ts\nhint: did you mean "entities"?\n');
      expect(result.stdout).toBe("");
    });
  });
});
