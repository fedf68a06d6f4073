/**
 * The project's own TypeORM DataSource (--data-source / -d / `dataSource`):
 * a project with a snake-case naming strategy and `entityPrefix` reaches the
 * three guarantees through it (the same catalog as TypeORM's `synchronize`
 * of that DataSource, fixpoint, round trip), with or without a
 * migrator.config.ts, whichever way it exports the DataSource and lists its
 * entities.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import { describe, expect, it } from "vitest";
import { connectEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import type { Executor } from "../../../src/db/types";
import { loadUserModule } from "../../../src/loader";
import { describeUrl } from "../../../src/dialect/postgres/connection/describe";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";
import { backendsUnderTest, serverUrl, withDatabase, type Backend } from "../../helpers/databases";
import { acrossMajors, catalogLines, dumpSchema } from "../guarantees/catalog";
import { cli, lines, snapshot, withProject, type ProjectDatabase } from "../guarantees/support";
import { connectionParts, TABLES, writeDataSourceProject, type DataSourceProjectOptions } from "./project";

/** The tables and columns the snake-case strategy and the "app_" prefix give (TypeORM's column order). */
const EXPECTED: Record<string, string[]> = {
  "public.app_blog_author": ["id", "display_name", "email_address", "legacyScore", "created_at"],
  "public.app_blog_post": ["id", "post_title", "published_at", "view_count", "last_edited_at", "author_id"],
  "public.app_blog_post_post_tags_post_tag": ["blog_post_id", "post_tag_tag_name"],
  "public.app_post_tag": ["tag_name", "tag_description"],
};

/**
 * The project in `dir` pointed at `db`: on a server through the DataSource's
 * own connection options (and no config file at all); PGlite has no URL, so
 * there a config names the embedded database and nothing else.
 */
function writeProject(dir: string, db: ProjectDatabase, options: DataSourceProjectOptions = {}): void {
  writeDataSourceProject(dir, { ...options, connection: db.url ? connectionParts(db.url) : undefined });
  if (!db.url) writeFileSync(join(dir, "migrator.config.ts"), `export default { database: { embedded: ${JSON.stringify(db.dataDir)} } };\n`);
}

/** A connection of the test's own to the project database, closed afterwards (PGlite allows one at a time). */
async function withExecutor(db: ProjectDatabase, fn: (executor: Executor) => Promise<void>): Promise<void> {
  const executor = db.url ? await connectServer(db.url, "migrator-tests") : await connectEmbedded(db.dataDir);
  try {
    await fn(executor);
  } finally {
    await executor.close();
  }
}

/** The tables `check --json` would create on the (empty) database, with their columns. */
async function plannedTables(dir: string, args: readonly string[]): Promise<Record<string, string[]>> {
  const result = await runCli([...args, "check", "--json"], dir);
  expect(result.code, result.stderr).toBe(1);
  type Op = { kind: string; table: { schema: string; name: string; columns: { name: string }[] } };
  const { operations } = JSON.parse(result.stdout) as { operations: { op: Op }[] };
  const tables: Record<string, string[]> = {};
  for (const { op } of operations) if (op.kind === "createTable") tables[`${op.table.schema}.${op.table.name}`] = op.table.columns.map((c) => c.name);
  return tables;
}

/** TypeORM's own synchronize of the project's DataSource (same options, another database). */
async function synchronizeLikeTypeorm(dir: string, url: string): Promise<void> {
  const exported = loadUserModule(join(dir, "src", "data-source.ts"), dir) as { AppDataSource: DataSource };
  const options = { ...exported.AppDataSource.options, url, synchronize: false, logging: false } as DataSourceOptions;
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.synchronize();
  } finally {
    await dataSource.destroy();
  }
}

async function expectSameAsSynchronize(dir: string, db: ProjectDatabase, schemas: readonly string[] = []): Promise<void> {
  const admin = serverUrl();
  if (!admin) return; // nothing to synchronize against
  await withDatabase({ name: "server", adminUrl: admin }, async (reference) => {
    // synchronize expects the DataSource's schema to exist
    for (const schema of schemas) await reference.executor.exec(`CREATE SCHEMA "${schema}"`);
    await synchronizeLikeTypeorm(dir, reference.url ?? "");
    if (db.url && reference.url) {
      expect(await dumpSchema(db.url)).toBe(await dumpSchema(reference.url));
      expect(await lines(db)).toEqual(await catalogLines(reference.executor));
    } else {
      expect(acrossMajors(await lines(db))).toEqual(acrossMajors(await catalogLines(reference.executor)));
    }
  });
}

describe.each(backendsUnderTest())("a project's own DataSource on $name", (backend: Backend) => {
  it("snake-case naming strategy and entityPrefix: equivalence with synchronize, fixpoint, round trip", async () => {
    await withProject(backend, async (dir, db) => {
      writeProject(dir, db);
      const ds = ["--data-source", "src/data-source.ts"];
      const empty = await snapshot(db);
      await cli(dir, [...ds, "revision", "--autogenerate", "-m", "initial"]);
      await cli(dir, [...ds, "upgrade", "head"]);
      const check = await runCli([...ds, "check"], dir);
      expect({ code: check.code, stdout: check.stdout, stderr: withoutDatabaseLine(check.stderr) }).toEqual({ code: 0, stdout: "up to date: the database matches the entities\n", stderr: "" });
      const relations = (await lines(db)).filter((line) => line.startsWith("rel r "));
      expect(relations.map((line) => /^rel r public\.(\S+)/.exec(line)?.[1])).toEqual([...TABLES]);
      await expectSameAsSynchronize(dir, db);
      await cli(dir, [...ds, "downgrade", "base"]);
      expect(await snapshot(db)).toBe(empty);
    });
  });

  it("a DataSource `schema`: the tables land in it, which is created and dropped with them; TypeORM's metadata and migrations tables are never touched", async () => {
    await withProject(backend, async (dir, db) => {
      writeProject(dir, db, { extra: `  schema: "app",\n  metadataTableName: "orm_meta",\n` });
      const ds = ["-d", "src/data-source.ts"];
      const empty = await snapshot(db);
      await cli(dir, [...ds, "revision", "--autogenerate", "-m", "initial"]);
      await cli(dir, [...ds, "upgrade", "head"]);
      const relations = (await lines(db)).filter((line) => line.startsWith("rel r "));
      expect(relations.map((line) => /^rel r (\S+)/.exec(line)?.[1])).toEqual(TABLES.map((table) => `app.${table}`));
      await expectSameAsSynchronize(dir, db, ["app"]);
      // TypeORM's bookkeeping table, as synchronize makes it for views and generated columns
      // and TypeORM's migrations table, in a database TypeORM migrated before
      await withExecutor(db, (executor) =>
        executor.exec(`CREATE TABLE "app"."orm_meta" ("type" varchar NOT NULL, "name" varchar); CREATE TABLE "app"."migrations" ("id" serial PRIMARY KEY, "timestamp" bigint NOT NULL, "name" varchar NOT NULL)`),
      );
      const check = await runCli([...ds, "check"], dir);
      expect({ code: check.code, stdout: check.stdout, stderr: withoutDatabaseLine(check.stderr) }).toEqual({ code: 0, stdout: "up to date: the database matches the entities\n", stderr: "" });
      await withExecutor(db, (executor) => executor.exec(`DROP TABLE "app"."orm_meta"; DROP TABLE "app"."migrations"`));
      await cli(dir, [...ds, "downgrade", "base"]);
      expect(await snapshot(db)).toBe(empty);
    });
  });

  it("entitySkipConstructor: an entity whose constructor needs its arguments loads, as TypeORM's own build does (TypeORM's github-issues/8444)", async () => {
    await withProject(backend, async (dir, db) => {
      writeProject(dir, db, { entities: "dirname-glob", extra: `  entitySkipConstructor: true,\n` });
      writeFileSync(
        join(dir, "src", "entity", "ledger-line.ts"),
        `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class LedgerLine {
  @PrimaryGeneratedColumn() id!: number;
  @Column() amountCents: number;

  constructor(amountCents: number) {
    if (amountCents === undefined) throw new Error("a ledger line needs its amount");
    this.amountCents = amountCents;
  }
}
`,
      );
      expect(await plannedTables(dir, ["-d", "src/data-source.ts"])).toEqual({ ...EXPECTED, "public.app_ledger_line": ["id", "amount_cents"] });
    });
  });

  it("takes TypeORM's -d, a default export, and entity globs from the working directory or __dirname", async () => {
    await withProject(backend, async (dir, db) => {
      writeProject(dir, db, { exportAs: "default", entities: "cwd-glob" });
      expect(await plannedTables(dir, ["-d", "src/data-source.ts"])).toEqual(EXPECTED);
      writeProject(dir, db, { exportAs: "named", entities: "dirname-glob" });
      expect(await plannedTables(dir, ["-d", "src/data-source.ts"])).toEqual(EXPECTED);
      // a bare `*` takes only the modules among the files, as TypeORM's loader does
      writeFileSync(join(dir, "src", "entity", "notes.md"), "# the blog's entities\n");
      writeFileSync(join(dir, "src", "entity", "post-tag.d.ts"), "export declare class PostTag { tagName: string }\n");
      writeProject(dir, db, { entities: "dirname-star" });
      expect(await plannedTables(dir, ["-d", "src/data-source.ts"])).toEqual(EXPECTED);
    });
  });

  it("reads the DataSource named by `dataSource` in migrator.config.ts, relative to the config file", async () => {
    await withProject(backend, async (dir, db) => {
      writeDataSourceProject(join(dir, "app"), { connection: db.url ? connectionParts(db.url) : undefined });
      const database = db.url ? "" : `database: { embedded: ${JSON.stringify(db.dataDir)} }, `;
      writeFileSync(join(dir, "app", "migrator.config.ts"), `export default { ${database}dataSource: "src/data-source.ts" };\n`);
      expect(await plannedTables(dir, ["--config", "app/migrator.config.ts"])).toEqual(EXPECTED);
    });
  });

  it("takes namingStrategy and entityPrefix from migrator.config.ts, with no DataSource", async () => {
    await withProject(backend, async (dir, db) => {
      writeDataSourceProject(dir, { naming: false });
      const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
      writeFileSync(
        join(dir, "migrator.config.ts"),
        `import { SnakeNamingStrategy } from "./src/naming";\nexport default { entities: ["src/entity/*.ts"], database: ${database}, namingStrategy: new SnakeNamingStrategy(), entityPrefix: "app_" };\n`,
      );
      expect(await plannedTables(dir, [])).toEqual(EXPECTED);
    });
  });
});

describe.runIf(serverUrl())("connecting through the DataSource's options (server)", () => {
  it("baselines a database TypeORM built: autogenerate against an empty one, stamp head on it, then nothing to do", async () => {
    const admin = serverUrl() ?? "";
    await withDatabase({ name: "server", adminUrl: admin }, async (built) => {
      await withProject({ name: "server", adminUrl: admin }, async (dir, empty) => {
        writeDataSourceProject(dir, { connection: connectionParts(built.url ?? "") });
        await synchronizeLikeTypeorm(dir, built.url ?? "");
        await built.executor.exec(`CREATE TABLE "migrations" ("id" serial PRIMARY KEY, "timestamp" bigint NOT NULL, "name" varchar NOT NULL)`);
        const before = await dumpSchema(built.url ?? "");
        await cli(dir, ["-d", "src/data-source.ts", "--url", empty.url ?? "", "revision", "--autogenerate", "-m", "baseline"]);
        await cli(dir, ["-d", "src/data-source.ts", "stamp", "head"]);
        const check = await runCli(["-d", "src/data-source.ts", "check"], dir);
        expect({ code: check.code, stdout: check.stdout, stderr: withoutDatabaseLine(check.stderr) }).toEqual({ code: 0, stdout: "up to date: the database matches the entities\n", stderr: "" });
        expect(await dumpSchema(built.url ?? "")).toBe(before); // stamp ran nothing (the version tables are left out of the dump)
      });
    });
  });

  it("a DataSource module that calls initialize() with synchronize on import is kept from connecting: the database is left as it was", async () => {
    await withProject({ name: "server", adminUrl: serverUrl() ?? "" }, async (dir, db) => {
      writeProject(dir, db);
      const file = join(dir, "src/data-source.ts");
      const source = readFileSync(file, "utf8").replace("synchronize: false", "synchronize: true");
      writeFileSync(file, `${source}\nAppDataSource.initialize().then(() => console.log("Data Source has been initialized!"));\n`);
      const result = await runCli(["-d", "src/data-source.ts", "check"], dir);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).not.toContain("initialized");
      expect(withoutDatabaseLine(result.stderr)).toBe("warning: src/data-source.ts calls initialize() when it is imported; migrator did not let it run (it only reads the DataSource's options)\n");
      // TypeORM's synchronize would have created the tables
      await withExecutor(db, async (executor) => {
        const { rows } = await executor.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
        expect(rows[0]?.n).toBe(0);
      });
    });
  });

  it("uses host/port/username/database of the DataSource when migrator is given no database", async () => {
    await withProject({ name: "server", adminUrl: serverUrl() ?? "" }, async (dir, db) => {
      writeProject(dir, db);
      const saved = process.env.DATABASE_URL;
      delete process.env.DATABASE_URL;
      try {
        const result = await runCli(["-d", "src/data-source.ts", "current"], dir);
        // the DataSource's server, named from its parts
        expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: `database: ${describeUrl(db.url ?? "")}\n` });
        // and the options really are the ones used: a DataSource with ssl reaches pg, which this server refuses
        writeDataSourceProject(dir, { connection: `${connectionParts(db.url ?? "")}  ssl: true,\n` });
        const refused = await runCli(["-d", "src/data-source.ts", "current"], dir);
        expect(refused.code).toBe(1);
        expect(withoutDatabaseLine(refused.stderr)).toMatch(/^error: cannot connect to postgres:\/\/postgres@127\.0\.0\.1:5432\/migrator_test_\w+: .*SSL/);
      } finally {
        if (saved !== undefined) process.env.DATABASE_URL = saved;
      }
    });
  });
});

describe("commands that read only the revision files, with a DataSource that cannot load here", () => {
  it("heads, history, show, branches and a plain revision never run the DataSource module; check does and reports its failure", async () => {
    await withTempDir(async (dir) => {
      writeDataSourceProject(dir);
      // as a project whose data-source.ts demands its environment
      const file = join(dir, "src/data-source.ts");
      writeFileSync(file, `if (!process.env.APP_DB_PASSWORD) throw new Error("APP_DB_PASSWORD is not set");\n${readFileSync(file, "utf8")}`);
      const made = await runCli(["-d", "src/data-source.ts", "revision", "-m", "first"], dir);
      expect(made.code, made.stderr).toBe(0);
      for (const command of [["heads"], ["history"], ["show", "head"], ["branches"]]) {
        const result = await runCli(["-d", "src/data-source.ts", ...command], dir);
        expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: "" });
      }
      const history = await runCli(["-d", "src/data-source.ts", "history"], dir);
      expect(history.stdout).toMatch(/<base> -> \w+ \(head\), first/);
      const check = await runCli(["-d", "src/data-source.ts", "check"], dir);
      expect(check.code).toBe(2); // an error, not "changes found"
      expect(check.stderr).toMatch(/^error: cannot load src\/data-source\.ts: APP_DB_PASSWORD is not set/m);
    });
  });
});
