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
  project.provide("mariadbUrl", await mariadbAnswering());
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

/**
 * MariaDB (MYSQL_URL, else the local server at 127.0.0.1:3306 as root): its
 * tests run where it answers, like the PostgreSQL server's; CI starts it.
 */
async function mariadbAnswering(): Promise<string | null> {
  const url = process.env.MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
  const mysql = await import("mysql2/promise");
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
    await connection.query("SELECT 1");
    await connection.end();
    return url;
  } catch {
    if (process.env.MYSQL_URL) throw new Error(`MYSQL_URL is set but ${url.replace(/:[^:@/]*@/, ":***@")} does not answer`);
    return null;
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string | null;
    /** An admin URL of MariaDB/MySQL, or null when none answers. */
    mariadbUrl: string | null;
    /** A dump of a fresh PGlite data dir. */
    pgliteTemplate: string;
  }
}
