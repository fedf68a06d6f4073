import { DatabaseError } from "../../../errors";
import { redact } from "../../../redact";
import type { Executor, ServerConnection } from "../../../db/types";
import { describeServer } from "./describe";
import { executorOver } from "./executor";

/**
 * One mysql2 connection (loaded here, so PostgreSQL users never pay for it).
 * Several statements per text are allowed: a revision's op.execute may hold
 * several, and the runtime chains its own. Big integers come as text (log
 * ids), DATETIME values are read as UTC (the log's times are written so).
 */
export async function connectServer(target: string | ServerConnection): Promise<Executor> {
  const server: ServerConnection = typeof target === "string" ? { url: target } : target;
  const description = describeServer(server);
  if (description.startsWith("(")) {
    throw new DatabaseError("database url is not a valid URL", { hint: "expected mysql://user:password@host:3306/database (or mariadb://)" });
  }
  const mysql = await import("mysql2/promise");
  const password = typeof server.password === "function" ? await server.password() : server.password;
  const common = {
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    timezone: "Z",
    charset: "utf8mb4",
    connectTimeout: 10_000,
  } as const;
  try {
    const connection =
      server.url !== undefined
        ? await mysql.createConnection({ ...common, uri: asMysqlUri(server.url) })
        : await mysql.createConnection({
            ...common,
            host: server.host,
            port: server.port,
            user: server.user,
            password,
            database: server.database,
            ...(server.ssl === undefined || server.ssl === false ? {} : { ssl: server.ssl === true ? {} : (server.ssl as Record<string, unknown>) }),
          });
    // an error on an idle connection (server restart) must not crash the process with an unhandled event
    connection.on("error", () => undefined);
    return executorOver(connection, description, connection.config.database ?? null);
  } catch (error) {
    throw new DatabaseError(`cannot connect to ${description}: ${connectFailureReason(error)}`, {
      hint:
        typeof target === "string"
          ? "check that the server runs and the url in migrator.config.ts, DATABASE_URL or --url is right"
          : "check that the server runs and the connection options of the DataSource are right (or pass --url)",
      cause: error,
    });
  }
}

/** mysql2 reads mysql:// URLs; mariadb:// is the same server protocol. */
function asMysqlUri(url: string): string {
  return url.replace(/^mariadb:/i, "mysql:");
}

export function connectFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redact(text) || (error as { code?: string } | null)?.code || "connection failed";
}
