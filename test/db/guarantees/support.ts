/**
 * Driving a throw-away project the way a user does: write its config, run
 * CLI commands in-process, autogenerate with a fixed id and date (for golden
 * files), and take catalog snapshots of its database on either backend.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { expect, inject } from "vitest";
import { autogenerate, type AutogenerateResult } from "../../../src/commands/autogenerate";
import { loadConfig } from "../../../src/config/load";
import type { RenameHint } from "../../../src/config/types";
import { closeKeptEmbedded, connectEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import type { Executor } from "../../../src/db/types";
import { runCli, type CliResult, withoutDatabaseLine } from "../../helpers/cli";
import { withDatabase, type Backend } from "../../helpers/databases";
import { REPO, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";
import { catalogLines, dumpSchema } from "./catalog";

/** Every golden revision carries this creation date, so its bytes only change when rendering does. */
export const GOLDEN_DATE = new Date("2026-01-02T03:04:05Z");
export const GOLDEN_DIR = join(REPO, "test", "golden");

/**
 * A database only the project's CLI runs open: a server database (by URL) or
 * an on-disk PGlite (single-process, so no executor of the test's stays open).
 */
export interface ProjectDatabase {
  readonly backend: Backend["name"];
  readonly url: string | null;
  readonly dataDir: string | null;
}

/** A temp project folder and an empty database for it, both removed afterwards. */
export async function withProject<T>(backend: Backend, fn: (dir: string, db: ProjectDatabase) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    if (backend.name === "server") return withDatabase(backend, (db) => fn(dir, { backend: "server", url: db.url, dataDir: null }));
    const dataDir = join(dir, "db");
    // from a dump of an initialised cluster: a fresh on-disk initdb costs several seconds more
    const executor = await connectEmbedded(dataDir, { loadDataDir: pgliteTemplate() });
    await executor.close();
    return fn(dir, { backend: "pglite", url: null, dataDir });
  });
}

// the dump the global setup made once per run: a fresh initdb here would cost every test file seconds
let template: Blob | undefined;
function pgliteTemplate(): Blob {
  template ??= new Blob([readFileSync(inject("pgliteTemplate"))]);
  return template;
}

/** Point the project at an entity set (rewritten between versions) and at `db`. */
export function configure(dir: string, entities: readonly string[], db: ProjectDatabase): void {
  const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
  writeProject(dir, { entities, database });
}

/** A CLI command that must succeed; its output is in the failure message when it does not. */
export async function cli(dir: string, args: readonly string[]): Promise<CliResult> {
  const result = await runCli(args, dir);
  if (result.code !== 0) {
    throw new Error(`migrator ${args.join(" ")} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return result;
}

/** `check` must find nothing: exit 0, "up to date". */
export async function expectFixpoint(dir: string): Promise<void> {
  const result = await runCli(["check"], dir);
  expect({ code: result.code, stdout: result.stdout, stderr: withoutDatabaseLine(result.stderr) }).toEqual({
    code: 0,
    stdout: "up to date: the database matches the entities\n",
    stderr: "",
  });
}

/** `revision --autogenerate` through the command function, so the date can be fixed. */
export async function generate(
  dir: string,
  message: string,
  revId: string,
  renames: readonly RenameHint[] = [],
): Promise<AutogenerateResult> {
  return autogenerate(loadConfig({ cwd: dir }), { message, revId, date: GOLDEN_DATE, renames });
}

/**
 * The written revision must equal test/golden/<group>/<file name>.txt byte for
 * byte; UPDATE_GOLDEN=1 rewrites it instead. (.txt: the files import
 * "typeorm-migrator", which the repo's tsc run does not resolve.)
 */
export function expectGolden(file: string, group: string): void {
  const golden = join(GOLDEN_DIR, group, `${basename(file)}.txt`);
  const actual = readFileSync(file, "utf8");
  if (!existsSync(golden) && process.env.UPDATE_GOLDEN !== "1") throw new Error(`golden file missing: ${golden} (UPDATE_GOLDEN=1 writes it)`);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(golden), { recursive: true });
    writeFileSync(golden, actual);
    return;
  }
  expect(actual, `${file} differs from ${golden} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(golden, "utf8"));
}

/**
 * The database's whole catalog: pg_dump on a server, catalog query lines on
 * PGlite. `columnOrder: false` ignores where columns sit in their table: a
 * downgrade that re-adds a dropped column can only append it (PostgreSQL has
 * no ADD COLUMN ... AFTER; Alembic behaves the same), so a round trip restores
 * every column exactly but not always its position.
 */
export async function snapshot(db: ProjectDatabase, options: { columnOrder?: boolean } = {}): Promise<string> {
  const keepOrder = options.columnOrder ?? true;
  if (db.url) {
    const dump = await dumpSchema(db.url);
    return keepOrder ? dump : dump.replace(/^(CREATE TABLE [^\n]+ \(\n)([\s\S]*?)(\n\);)$/gm, (_m, head: string, body: string, tail: string) =>
      head + body.split("\n").map((line) => line.replace(/,$/, "")).sort().join("\n") + tail);
  }
  const catalog = await lines(db);
  return (keepOrder ? catalog : positionless(catalog)).join("\n");
}

/** Catalog lines without column positions (see `snapshot`), sorted. */
export function positionless(catalog: readonly string[]): string[] {
  return catalog.map((line) => line.replace(/^(col \S+) #\d+ /, "$1 ")).sort();
}

/** Catalog lines of a project database (opened afresh: the CLI runs closed it). */
export async function lines(db: ProjectDatabase): Promise<string[]> {
  const executor = db.url ? await connectServer(db.url, "migrator-tests") : await connectEmbedded(db.dataDir);
  try {
    return await catalogLines(executor);
  } finally {
    await executor.close();
  }
}

/**
 * A connection of this process to a project database, for setting up rows or
 * schema by hand. PGlite allows one process at a time on a data folder, and
 * this process may keep one open: it is closed for good before and after, so
 * what a CLI process wrote is read, and what is written here is on disk for
 * the next CLI process.
 */
export async function withProjectExecutor<T>(db: ProjectDatabase, fn: (executor: Executor) => Promise<T>): Promise<T> {
  if (db.dataDir) await closeKeptEmbedded(db.dataDir);
  const executor = db.url ? await connectServer(db.url, "migrator-tests") : await connectEmbedded(db.dataDir);
  try {
    return await fn(executor);
  } finally {
    await executor.close();
    if (db.dataDir) await closeKeptEmbedded(db.dataDir);
  }
}
