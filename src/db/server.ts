import { DatabaseError } from "../errors";
import { redact } from "../redact";
import { executorOver } from "./executor";
import type { Executor, ServerConnection } from "./types";

/** `postgres://user@host:port/db`, for messages: never the password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
    const host = parsed.hostname || "localhost";
    const port = parsed.port || "5432";
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default)";
    return `postgres://${user}${host}:${port}/${database}`;
  } catch {
    return "(unparsable database url)";
  }
}

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

/** A server given by parts, for messages: `postgres://user@host:port/db` (pg's defaults where unset). */
function describeServer(server: ServerConnection): string {
  if (server.url !== undefined) return describeUrl(server.url);
  const user = server.user ? `${server.user}@` : "";
  return `postgres://${user}${server.host ?? "localhost"}:${server.port ?? 5432}/${server.database ?? "(default)"}`;
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
