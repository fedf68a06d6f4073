import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { DatabaseError } from "../../../errors";
import { executorOver } from "./executor";
import type { Executor } from "../../../db/types";

/**
 * Contrib extensions PGlite ships that TypeORM entities reach for (uuid
 * generation, exclusions, citext/hstore/ltree/cube column types, ...).
 * Registering one only makes `CREATE EXTENSION` possible; nothing is installed.
 */
const CONTRIB = [
  "uuid_ossp", "pgcrypto", "btree_gist", "btree_gin", "citext", "hstore", "ltree", "cube", "pg_trgm",
  "earthdistance", "intarray", "isn", "seg", "unaccent", "fuzzystrmatch", "tablefunc",
] as const;

function contribExtensions(): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  for (const name of CONTRIB) {
    const loaded = require(`@electric-sql/pglite/contrib/${name}`) as Record<string, unknown>;
    extensions[name] = loaded[name];
  }
  return extensions;
}

/**
 * PGlite: real PostgreSQL in WebAssembly, one session per process.
 * `dataDir` null means in memory; `loadDataDir` starts from a dump (fast test databases).
 */
export async function connectEmbedded(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<Executor> {
  if (dataDir !== null && keepOpen) return keptConnection(resolve(dataDir), options);
  return openEmbedded(dataDir, options);
}

/**
 * Opening an on-disk PGlite costs a second or two. A process that runs many
 * commands in a row on one embedded database (the test suite running the CLI
 * in-process) may keep each one open between commands: `close()` of a kept
 * connection then does nothing, and `closeKeptEmbedded` really closes it.
 * PGlite allows one instance per data folder, so sharing is also what keeps
 * two commands in one process from opening the same folder twice.
 */
let keepOpen = false;
const kept = new Map<string, Promise<Executor>>();

export function keepEmbeddedOpen(enabled: boolean): void {
  keepOpen = enabled;
}

export async function closeKeptEmbedded(dataDir?: string): Promise<void> {
  const keys = dataDir === undefined ? [...kept.keys()] : [resolve(dataDir)];
  for (const key of keys) {
    const connection = kept.get(key);
    kept.delete(key);
    if (connection) await (await connection).close().catch(() => undefined);
  }
}

async function keptConnection(dataDir: string, options: { loadDataDir?: Blob }): Promise<Executor> {
  let connection = kept.get(dataDir);
  if (!connection) {
    connection = openEmbedded(dataDir, options);
    kept.set(dataDir, connection);
    connection.catch(() => kept.delete(dataDir));
  }
  const executor = await connection;
  return { ...executor, close: async () => undefined };
}

async function openEmbedded(dataDir: string | null, options: { loadDataDir?: Blob }): Promise<Executor> {
  const { PGlite } = await import("@electric-sql/pglite");
  let db: InstanceType<typeof PGlite>;
  try {
    if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
    const extensions = contribExtensions() as import("@electric-sql/pglite").Extensions;
    // One options object: PGlite 0.5 drops the second argument when the first is not a string (in memory).
    db = new PGlite({ ...(dataDir !== null ? { dataDir } : {}), extensions, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
    await db.waitReady;
  } catch (error) {
    throw new DatabaseError(`cannot open the embedded database at ${dataDir ?? "(memory)"}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: "remove the folder to start afresh, or point database.embedded elsewhere",
      cause: error,
    });
  }
  return executorOver(
    {
      async query(sql, params) {
        const result = await db.query(sql, params as unknown[] | undefined);
        return { rows: result.rows as never[], rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
      },
      async exec(sql) {
        await db.exec(sql);
      },
      close: () => db.close(),
    },
    "embedded",
    dataDir ?? "embedded (memory)",
  );
}
