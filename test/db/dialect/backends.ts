/**
 * The two backends the dialect must work on, until the shared harness
 * (test/helpers/databases.ts) lands: a throwaway database on the local
 * PostgreSQL server, and an in-memory PGlite.
 */
import { PGlite, type Extension } from "@electric-sql/pglite";
import type { Row } from "../../../src/db/types";
import { serverUrl } from "../../helpers/databases";
import { createScratchDatabase } from "./scratch-database";

// The package's subpath export is invisible to TypeScript's node10 resolution; require it, typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { uuid_ossp } = require("@electric-sql/pglite/contrib/uuid_ossp") as { uuid_ossp: Extension };

export interface SqlSession {
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export interface Backend {
  readonly name: "server" | "embedded";
  open(): Promise<SqlSession>;
}

const ALL: readonly Backend[] = [
  {
    name: "server",
    async open() {
      const db = await createScratchDatabase();
      return {
        query: async (sql, params) => (await db.client.query(sql, params === undefined ? undefined : [...params])).rows as Row[],
        close: () => db.drop(),
      };
    },
  },
  {
    name: "embedded",
    async open() {
      const db = new PGlite({ extensions: { uuid_ossp } });
      await db.waitReady;
      return {
        query: async (sql, params) => (await db.query<Row>(sql, params === undefined ? undefined : [...params])).rows,
        close: () => db.close(),
      };
    },
  },
];

/** The server only where the shared harness found one answering (DATABASE_URL or the local server). */
export const backends: readonly Backend[] = ALL.filter((backend) => backend.name !== "server" || serverUrl() !== null);
