import { redact } from "../../../redact";
import type { DatabaseConfig, ServerConnection } from "../../../db/types";

/** `mysql://user@host:3306/db`, for messages: never the password. The scheme as written (mysql or mariadb). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const scheme = parsed.protocol.replace(/:$/, "").toLowerCase();
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
    const host = parsed.hostname || "localhost";
    const port = parsed.port || "3306";
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default)";
    return `${scheme}://${user}${host}:${port}/${database}`;
  } catch {
    return "(unparsable database url)";
  }
}

/** A DataSource's server given by parts: `mysql://user@host:port/db` (mysql2's defaults where unset). */
export function describeServer(server: ServerConnection): string {
  if (server.url !== undefined) return describeUrl(server.url);
  const user = server.user ? `${server.user}@` : "";
  const scheme = server.type === "mariadb" ? "mariadb" : "mysql";
  return `${scheme}://${user}${server.host ?? "localhost"}:${server.port ?? 3306}/${server.database ?? "(default)"}`;
}

/** `database: mysql://app@db:3306/prod`, said once before a command uses it; null when the URL does not parse. */
export function describeDatabase(database: DatabaseConfig, _root: string, _cwd: string): string | null {
  if ("embedded" in database) return null;
  const server = "url" in database ? describeUrl(database.url) : describeServer(database.server);
  return server.startsWith("(") ? null : redact(`database: ${server}`);
}
