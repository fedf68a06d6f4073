import { Client } from "pg";
import type { TestProject } from "vitest/node";

/** The server backend runs where DATABASE_URL or the local server answers; PGlite always runs. */
export default async function setup(project: TestProject): Promise<void> {
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
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string | null;
  }
}
