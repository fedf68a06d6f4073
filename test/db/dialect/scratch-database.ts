/**
 * A throwaway database on the local PostgreSQL server, used until the shared
 * harness (test/helpers/databases.ts) is there: created per test file, dropped after.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { serverUrl } from "../../helpers/databases";


export interface ScratchDatabase {
  readonly client: Client;
  drop(): Promise<void>;
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const SERVER_URL = serverUrl();
  if (SERVER_URL === null) throw new Error("no PostgreSQL server answers");
  const name = `migrator_dialect_${randomBytes(5).toString("hex")}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return {
    client,
    async drop() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
