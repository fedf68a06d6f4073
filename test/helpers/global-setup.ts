import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";

/** The server backend runs where DATABASE_URL or the local server answers; PGlite always runs. */
export default async function setup(project: TestProject): Promise<() => void> {
  const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let answers = false;
  try {
    await client.connect();
    await client.query("SELECT 1");
    answers = true;
  } catch {
    answers = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!answers && process.env.DATABASE_URL) {
    throw new Error(`DATABASE_URL is set but ${url.replace(/:[^:@/]*@/, ":***@")} does not answer`);
  }
  project.provide("serverUrl", answers ? url : null);
  const template = await pgliteTemplateFile();
  project.provide("pgliteTemplate", template);
  return () => rmSync(template, { force: true });
}

/**
 * A fresh PGlite takes seconds to initialise; every test file starts its
 * databases from one dump made here, once per run.
 */
async function pgliteTemplateFile(): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite();
  await db.waitReady;
  const dump = await db.dumpDataDir("none");
  await db.close();
  const dir = join(__dirname, "..", "..", "node_modules", ".cache", "migrator-tests");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string | null;
    /** A dump of a fresh PGlite data dir. */
    pgliteTemplate: string;
  }
}
