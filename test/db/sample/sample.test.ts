/**
 * The sample application (entities/, migrations/, migrator.config.ts at the
 * repository root) as a user runs it, through the CLI, on a fresh database of
 * each backend: the committed revisions reach the head, still match the
 * entities (so nobody changed an entity without generating a revision), go
 * all the way down to nothing but migrator's own tables, and come back up.
 *
 * Nothing is copied: the server run uses the repository's own config with
 * `--url`; the PGlite run needs an on-disk data folder, so a temporary config
 * points at the repository's entities and migrations.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connectEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import type { Executor } from "../../../src/db/types";
import { runCli, type CliResult } from "../../helpers/cli";
import { backendsUnderTest, withDatabase, type TestDatabase } from "../../helpers/databases";
import { REPO } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

const MIGRATOR_TABLES = ["public.migrator_log", "public.migrator_version"];

/** What the user's side of the catalog holds, read with plain catalog queries (not migrator's introspector). */
interface CatalogSummary {
  readonly tables: string[];
  readonly enums: string[];
  readonly schemas: string[];
  readonly extensions: string[];
}

async function summarise(executor: Executor): Promise<CatalogSummary> {
  const names = async (sql: string): Promise<string[]> => (await executor.query<{ name: string }>(sql)).rows.map((r) => r.name);
  const userSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";
  return {
    tables: await names(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${userSchemas} ORDER BY 1`,
    ),
    enums: await names(
      `SELECT n.nspname || '.' || t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE t.typtype = 'e' AND ${userSchemas} ORDER BY 1`,
    ),
    schemas: await names(`SELECT n.nspname AS name FROM pg_namespace n WHERE ${userSchemas} ORDER BY 1`),
    extensions: await names("SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1"),
  };
}

/**
 * Runs the CLI on the sample against one test database. On PGlite only one
 * process may hold the data folder, so the test's own connection is closed
 * first and catalog reads open (and close) one of their own between runs.
 */
interface SampleRun {
  cli(...args: string[]): Promise<CliResult>;
  catalog(): Promise<CatalogSummary>;
}

async function withSample(backend: ReturnType<typeof backendsUnderTest>[number], fn: (run: SampleRun) => Promise<void>): Promise<void> {
  if (backend.name === "server") {
    await withDatabase(backend, async (db) => {
      const url = requireValue(db.url, "server database URL");
      await fn({ cli: (...args) => runCli(["--url", url, ...args], REPO), catalog: () => summarise(db.executor) });
    });
    return;
  }
  await withTempDir(async (dir) => {
    const dataDir = join(dir, "db");
    await withDatabase(
      backend,
      async (db: TestDatabase) => {
        await db.executor.close();
        const project = join(dir, "project");
        mkdirSync(project);
        const config = { entities: [join(REPO, "entities", "**", "*.ts")], migrations: join(REPO, "migrations"), database: { embedded: dataDir } };
        writeFileSync(join(project, "migrator.config.ts"), `export default ${JSON.stringify(config, null, 2)};\n`);
        const catalog = async (): Promise<CatalogSummary> => {
          const executor = await connectEmbedded(dataDir);
          try {
            return await summarise(executor);
          } finally {
            await executor.close();
          }
        };
        await fn({ cli: (...args) => runCli(args, project), catalog });
      },
      { onDisk: dataDir },
    );
  });
}

function requireValue<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`missing ${what}`);
  return value;
}

/** The CLI run succeeded; otherwise fail with what it printed. */
function succeeded(result: CliResult): CliResult {
  expect(result, `exit ${result.code}\n${result.stdout}${result.stderr}`).toMatchObject({ code: 0 });
  return result;
}

describe.each(backendsUnderTest())("the sample application on $name", (backend) => {
  it("upgrades to head with nothing left to autogenerate, downgrades to base leaving only migrator's tables, and upgrades again", async () => {
    await withSample(backend, async ({ cli, catalog }) => {
      const heads = succeeded(await cli("heads")).stdout;
      const head = /^([0-9a-f]{12})\b/m.exec(heads)?.[1];
      expect(head, `one head expected in:\n${heads}`).toBeDefined();

      const before = await catalog();
      expect(before.tables).toEqual([]);

      succeeded(await cli("upgrade", "head"));
      const atHead = await catalog();
      expect(atHead.schemas).toContain("billing");
      expect(atHead.tables).toEqual(expect.arrayContaining(MIGRATOR_TABLES));
      expect(atHead.tables.some((t) => t.startsWith("billing."))).toBe(true);
      expect(atHead.enums.length).toBeGreaterThan(0);
      expect(succeeded(await cli("current")).stdout).toContain(head);

      // The committed revisions still describe the committed entities.
      const check = await cli("check");
      expect(check, `check found differences:\n${check.stdout}${check.stderr}`).toMatchObject({ code: 0 });
      expect(check.stdout).toMatch(/up to date/);

      // Already at head: a second upgrade runs nothing and changes nothing.
      succeeded(await cli("upgrade", "head"));
      expect(await catalog()).toEqual(atHead);

      succeeded(await cli("downgrade", "base"));
      expect(await catalog()).toEqual({ tables: MIGRATOR_TABLES, enums: [], schemas: ["public"], extensions: [] });

      succeeded(await cli("upgrade", "head"));
      expect(await catalog()).toEqual(atHead);
      expect((await cli("check")).code).toBe(0);
    });
  }, 240_000);
});
