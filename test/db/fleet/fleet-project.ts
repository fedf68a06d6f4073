/** Projects with a fleet of targets, and the server databases behind them, for the fleet tests. */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import type { Executor } from "../../../src/db/types";
import { databaseUrl } from "../../helpers/databases";

/** Unique, so concurrent test files never share a database or schema. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}

/**
 * A chain of `count` SQL revisions. Revision 1 creates `runs` (one row per
 * revision that ran: a revision run twice shows as a duplicate row), each
 * later one creates table `t<i>` and adds its row. Names are unqualified, so
 * a tenant's land in its schema.
 */
export function writeChain(dir: string, count: number): string[] {
  const folder = join(dir, "migrations");
  mkdirSync(folder, { recursive: true });
  const ids = Array.from({ length: count }, (_, i) => (i + 1).toString(16).padStart(12, "0"));
  ids.forEach((id, i) => {
    const up = i === 0 ? "CREATE TABLE runs (revision text NOT NULL);\nINSERT INTO runs VALUES ('1');" : `CREATE TABLE t${i + 1} (id int PRIMARY KEY);\nINSERT INTO runs VALUES ('${i + 1}');`;
    const down = i === 0 ? "DROP TABLE runs;" : `DROP TABLE t${i + 1};\nDELETE FROM runs WHERE revision = '${i + 1}';`;
    const header = [`-- revision: ${id}`, `-- down_revision: ${i === 0 ? "none" : ids[i - 1]}`, `-- message: step ${i + 1}`].join("\n");
    writeFileSync(join(folder, `${id}_step_${i + 1}.sql`), `${header}\n\n${up}\n\n-- @UNDO\n\n${down}\n`);
  });
  return ids;
}

/** migrator.config.ts with `targets` given as TypeScript source (a list or a function). */
export function writeFleetConfig(dir: string, options: { database: string; targets: string; extra?: string; entities?: readonly string[] }): void {
  writeFileSync(
    join(dir, "migrator.config.ts"),
    `export default {\n  entities: ${JSON.stringify(options.entities ?? ["entities/*.ts"])},\n  migrations: "migrations",\n  database: ${options.database},\n  targets: ${options.targets},\n${options.extra ?? ""}};\n`,
  );
}

export interface ServerFleet {
  readonly names: readonly string[];
  readonly urls: readonly string[];
  /** A connection to database i, opened on first use and closed with the fleet. */
  db(i: number): Promise<Executor>;
}

/** `count` fresh databases on the server, dropped afterwards. */
export async function withServerDatabases<T>(adminUrl: string, count: number, fn: (fleet: ServerFleet) => Promise<T>): Promise<T> {
  const prefix = uniqueName("migrator_fleet");
  const names = Array.from({ length: count }, (_, i) => `${prefix}_${i + 1}`);
  const admin = await connectServer(adminUrl, "migrator-tests");
  const open = new Map<number, Promise<Executor>>();
  try {
    for (const name of names) await admin.exec(`CREATE DATABASE "${name}"`);
    const urls = names.map((name) => databaseUrl(adminUrl, name));
    const db = (i: number): Promise<Executor> => {
      const known = open.get(i);
      if (known) return known;
      const connection = connectServer(urls[i] as string, "migrator-tests");
      open.set(i, connection);
      return connection;
    };
    return await fn({ names, urls, db });
  } finally {
    for (const connection of open.values()) await (await connection).close().catch(() => undefined);
    for (const name of names) await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.close().catch(() => undefined);
  }
}

/** The list of targets as config source: `{ name: "db1", url: "..." }, ...`. */
export function targetList(entries: readonly { name: string; url?: string; embedded?: string; schema?: string }[]): string {
  return JSON.stringify(entries, null, 2);
}

/** The JSON report of a fleet run's stdout. */
export interface ReportJson {
  readonly targets: readonly {
    readonly name: string;
    readonly result: string;
    readonly from: readonly string[];
    readonly to: readonly string[];
    readonly steps: number;
    readonly summary: string;
    readonly queries: number;
    readonly error?: { readonly message: string };
  }[];
  readonly counts: Record<string, number>;
  readonly peakConnections: number;
  readonly concurrency: number;
  readonly stopped?: string;
}
