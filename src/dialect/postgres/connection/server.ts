import { DatabaseError } from "../../../errors";
import { redact } from "../../../redact";
import { describeServer } from "./describe";
import { executorOver } from "./executor";
import type { Executor, ServerConnection } from "../../../db/types";

/**
 * pg probes for Cloudflare Workers when it loads: without a global
 * `navigator` (Node 20 has none) it builds a `Response`, which makes Node
 * load undici, about 150 ms of every command that talks to a server. A
 * navigator that is there only while pg loads answers the probe instead.
 */
function loadPg(): typeof import("pg") {
  const global = globalThis as { navigator?: unknown };
  if (global.navigator !== undefined) return require("pg") as typeof import("pg");
  Object.defineProperty(globalThis, "navigator", { value: { userAgent: "Node.js" }, configurable: true, writable: true });
  try {
    return require("pg") as typeof import("pg");
  } finally {
    delete global.navigator;
  }
}

/**
 * One pg Client: a single session, so BEGIN/COMMIT and advisory locks are
 * ours alone. `target` is a URL, or a DataSource's connection options.
 */
export async function connectServer(target: string | ServerConnection, applicationName = "migrator"): Promise<Executor> {
  const server: ServerConnection = typeof target === "string" ? { url: target } : target;
  const description = describeServer(server);
  if (description.startsWith("(")) {
    throw new DatabaseError(`database url is not a valid URL`, { hint: "expected postgres://user:password@host:5432/database" });
  }
  const { Client } = loadPg();
  // as TypeORM hands its options to pg: with a connection string, what it names wins over the parts
  const client = new Client({
    connectionString: server.url,
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.database,
    ssl: server.ssl as import("pg").ClientConfig["ssl"],
    application_name: applicationName,
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseError(`cannot connect to ${description}: ${connectFailureReason(error)}`, {
      hint:
        typeof target === "string"
          ? "check that the server runs and the url in migrator.config.ts, DATABASE_URL or --url is right"
          : "check that the server runs and the connection options of the DataSource are right (or pass --url)",
      cause: error,
    });
  }
  // An error on an idle client (server restart) must not crash the process with an unhandled event.
  client.on("error", () => undefined);
  return executorOver(
    {
      async query(sql, params) {
        const result = await client.query(sql, params as unknown[] | undefined);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      },
      async exec(sql) {
        await client.query(sql);
      },
      close: () => client.end(),
    },
    "server",
    description,
    client.user ?? null,
  );
}

/**
 * Why a connection failed, as pg or the server said it ("password
 * authentication failed for user "app"" stays whole: it is the reason), with
 * any credential the text quotes taken out.
 */
export function connectFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redact(text) || (error as { code?: string } | null)?.code || "connection failed";
}
