/**
 * Reading a project's DataSource module into the config (no database): what
 * is taken from it, which connection wins, and the errors a user can meet.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config";
import { findDataSource } from "../../../src/data-source/find";
import { ConfigError } from "../../../src/errors";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";

function write(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const NAMING = `import { DefaultNamingStrategy } from "typeorm";\nexport class Snake extends DefaultNamingStrategy { columnName(p: string) { return p.toLowerCase(); } }\n`;

function dataSource(options: string, exportAs = "export const AppDataSource ="): string {
  return `import { DataSource } from "typeorm";\nimport { Snake } from "./naming";\n${exportAs} new DataSource({ type: "postgres", ${options} });\n`;
}

let savedUrl: string | undefined;
beforeEach(() => {
  savedUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
});
afterEach(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

describe("a DataSource in the config", () => {
  it("needs no config file: defaults relative to the working directory, the schema options from the DataSource", async () => {
    await withTempDir(async (dir) => {
      write(dir, "src/naming.ts", NAMING);
      write(dir, "src/data-source.ts", dataSource(`entities: ["src/entity/*.ts"], namingStrategy: new Snake(), entityPrefix: "app_", schema: "app", uuidExtension: "pgcrypto", metadataTableName: "orm_meta", logging: true`));
      const config = loadConfig({ cwd: dir, dataSource: "src/data-source.ts" });
      expect(config.configPath).toBeNull();
      expect(config.root).toBe(dir);
      expect(config.migrations).toEqual([join(dir, "migrations")]);
      expect(config.dataSource).toBe(join(dir, "src", "data-source.ts"));
      expect(config.entities).toEqual(["src/entity/*.ts"]);
      expect(config.entitiesRoot).toBe(dir);
      expect(Object.keys(config.entityOptions).sort()).toEqual(["entityPrefix", "namingStrategy", "schema", "uuidExtension"]);
      expect(config.entityOptions).toMatchObject({ entityPrefix: "app_", schema: "app", uuidExtension: "pgcrypto" });
      expect((config.entityOptions.namingStrategy as { constructor: { name: string } }).constructor.name).toBe("Snake");
      expect(config.metadataTable).toBe("orm_meta");
      // no connection options in the DataSource: the embedded default
      expect(config.database).toEqual({ embedded: ".migrator/db" });
    });
  });

  it("`dataSource` in migrator.config.ts is relative to the config file; its entity globs to the working directory, as TypeORM", async () => {
    await withTempDir(async (dir) => {
      write(dir, "app/src/naming.ts", NAMING);
      write(dir, "app/src/data-source.ts", dataSource(`entities: ["src/entity/*.ts"]`, "export default"));
      write(dir, "app/migrator.config.ts", `export default { dataSource: "src/data-source.ts", migrations: "db/revisions" };\n`);
      const config = loadConfig({ cwd: dir, configPath: "app/migrator.config.ts" });
      expect(config.dataSource).toBe(join(dir, "app", "src", "data-source.ts"));
      expect(config.migrations).toEqual([join(dir, "app", "db", "revisions")]);
      expect(config.entitiesRoot).toBe(dir);
    });
  });

  it("the config's own entities, namingStrategy and entityPrefix beat the DataSource's", async () => {
    await withTempDir(async (dir) => {
      write(dir, "naming.ts", NAMING);
      write(dir, "data-source.ts", dataSource(`entities: ["x/*.ts"], namingStrategy: new Snake(), entityPrefix: "ds_"`));
      write(dir, "migrator.config.ts", `import { DefaultNamingStrategy } from "typeorm";\nexport default { entities: ["entities/*.ts"], namingStrategy: new DefaultNamingStrategy(), entityPrefix: "" };\n`);
      const config = loadConfig({ cwd: dir, dataSource: "data-source.ts" });
      expect(config.entities).toEqual(["entities/*.ts"]);
      expect(config.entitiesRoot).toBe(dir);
      expect(config.entityOptions.entityPrefix).toBe("");
      expect((config.entityOptions.namingStrategy as { constructor: { name: string } }).constructor.name).toBe("DefaultNamingStrategy");
    });
  });

  it("connection: --url, then the config's database, then DATABASE_URL, then the DataSource (ssl included), then the embedded default", async () => {
    await withTempDir(async (dir) => {
      write(dir, "naming.ts", NAMING);
      write(dir, "ds.ts", dataSource(`url: "postgres://ds@dshost/dsdb", ssl: { rejectUnauthorized: false }, entities: []`));
      const fromDataSource = { server: { url: "postgres://ds@dshost/dsdb", ssl: { rejectUnauthorized: false } } };
      expect(loadConfig({ cwd: dir, dataSource: "ds.ts" }).database).toEqual(fromDataSource);
      process.env.DATABASE_URL = "postgres://env@h/d";
      expect(loadConfig({ cwd: dir, dataSource: "ds.ts" }).database).toEqual({ url: "postgres://env@h/d" });
      write(dir, "migrator.config.ts", `export default { database: { url: "postgres://config@h/d" } };\n`);
      expect(loadConfig({ cwd: dir, dataSource: "ds.ts" }).database).toEqual({ url: "postgres://config@h/d" });
      expect(loadConfig({ cwd: dir, dataSource: "ds.ts", url: "postgres://flag@h/d" }).database).toEqual({ url: "postgres://flag@h/d" });
      // the parts TypeORM connects with: a replication master's when there is one
      delete process.env.DATABASE_URL;
      write(dir, "migrator.config.ts", `export default {};\n`);
      write(dir, "ds.ts", dataSource(`host: "replica", replication: { master: { host: "primary", port: 6543, username: "app", password: "pw", database: "shop" }, slaves: [] }, entities: []`));
      expect(loadConfig({ cwd: dir, dataSource: "ds.ts" }).database).toEqual({ server: { host: "primary", port: 6543, user: "app", password: "pw", database: "shop" } });
    });
  });

  it("recognises a DataSource of another copy of typeorm by TypeORM's own brand, and nothing DataSource-like by chance", () => {
    const foreign = { "@instanceof": Symbol.for("DataSource"), options: { type: "postgres", entities: [] } };
    expect(findDataSource({ AppDataSource: foreign }, class DataSource {}, "ds.ts")).toBe(foreign);
    const lookalike = { options: { type: "postgres" } }; // no brand, no initialize/destroy
    expect(() => findDataSource({ config: lookalike }, class DataSource {}, "ds.ts")).toThrow(ConfigError);
  });
});

describe("DataSource errors through the CLI", () => {
  async function fails(dir: string, args: readonly string[]): Promise<string> {
    const result = await runCli(args, dir);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toBe("");
    return result.stderr;
  }

  it("a module that exports no DataSource, or several different ones", async () => {
    await withTempDir(async (dir) => {
      write(dir, "src/data-source.ts", `export const port = 5432;\nexport default { type: "postgres" };\n`);
      expect(await fails(dir, ["-d", "src/data-source.ts", "current"])).toBe(
        "error: src/data-source.ts exports no TypeORM DataSource\nhint: export the DataSource, e.g. `export const AppDataSource = new DataSource({ ... })` or `export default new DataSource({ ... })`\n",
      );
      write(dir, "src/naming.ts", NAMING);
      write(dir, "src/two.ts", `${dataSource("entities: []")}export const Replica = new DataSource({ type: "postgres" });\nexport default AppDataSource;\n`);
      expect(await fails(dir, ["--data-source", "src/two.ts", "current"])).toMatch(
        /^error: src\/two\.ts exports 2 different DataSources \(AppDataSource = default export, Replica\)\nhint: point --data-source/,
      );
    });
  });

  it("a DataSource of another type: mysql and mariadb are chosen (and connected to), others named", async () => {
    await withTempDir(async (dir) => {
      write(dir, "mysql.ts", `import { DataSource } from "typeorm";\nexport default new DataSource({ type: "mysql" });\n`);
      expect(await fails(dir, ["-d", "mysql.ts", "current"])).toBe(
        'error: mysql.ts is a DataSource of type "mysql" without connection options\nhint: give the DataSource its host, port, username and database, or pass --url mysql://user@host:3306/database\n',
      );
      // its server reaches the dialect choice
      write(dir, "served.ts", `import { DataSource } from "typeorm";\nexport default new DataSource({ type: "mariadb", host: "127.0.0.1", port: 1, username: "app", database: "shop" });\n`);
      expect(await fails(dir, ["-d", "served.ts", "current"])).toMatch(/^error: cannot connect to mariadb:\/\/app@127\.0\.0\.1:1\/shop: connect ECONNREFUSED/m);
      // another copy of typeorm: a branded object
      write(dir, "branded.ts", `export const db = { "@instanceof": Symbol.for("DataSource"), options: { type: "sqlite" } };\n`);
      expect(await fails(dir, ["-d", "branded.ts", "current"])).toBe(
        'error: branded.ts is a DataSource of type "sqlite"; migrator supports "postgres", "mysql" and "mariadb"\nhint: point --data-source at a PostgreSQL, MySQL or MariaDB DataSource\n',
      );
    });
  });

  it("a missing file, a missing config without a DataSource, a naming strategy class instead of an instance", async () => {
    await withTempDir(async (dir) => {
      expect(await fails(dir, ["-d", "nope.ts", "heads"])).toBe("error: data source file not found: nope.ts\nhint: the --data-source path is relative to the current directory\n");
      expect(await fails(dir, ["heads"])).toBe("error: config file not found: migrator.config.ts\nhint: run `migrator init` to create one, pass --config PATH, or --data-source PATH\n");
      write(dir, "naming.ts", NAMING);
      write(dir, "migrator.config.ts", `import { Snake } from "./naming";\nexport default { entities: [], namingStrategy: Snake };\n`);
      expect(await fails(dir, ["heads"])).toBe('error: "namingStrategy" in migrator.config.ts must be a naming strategy instance, e.g. new SnakeNamingStrategy(), got the class or function Snake\n');
    });
  });

  it("with only a DataSource, read-only commands work before any revision exists", async () => {
    await withTempDir(async (dir) => {
      write(dir, "naming.ts", NAMING);
      write(dir, "ds.ts", dataSource("entities: []"));
      const result = await runCli(["-d", "ds.ts", "heads"], dir);
      expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ code: 0, stderr: "", stdout: "" });
    });
  });
});
