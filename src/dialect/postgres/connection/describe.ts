import { relative, resolve } from "node:path";
import { redact } from "../../../redact";
import type { DatabaseConfig, ServerConnection } from "../../../db/types";

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

/** A server given by parts, for messages: `postgres://user@host:port/db` (pg's defaults where unset). */
export function describeServer(server: ServerConnection): string {
  if (server.url !== undefined) return describeUrl(server.url);
  const user = server.user ? `${server.user}@` : "";
  return `postgres://${user}${server.host ?? "localhost"}:${server.port ?? 5432}/${server.database ?? "(default)"}`;
}

/**
 * Which database a command works on, as the CLI says it once before using
 * it: `database: postgres://app@db:5432/prod` or `embedded: .migrator/db`
 * (relative to `cwd`), so nobody runs `upgrade` on production unawares.
 * Redacted once more: a user name may hold what a password should have.
 * Null for a URL that is not a PostgreSQL one or does not parse: connecting
 * reports that, and a line naming it as postgres:// would mislead.
 */
export function describeDatabase(database: DatabaseConfig, root: string, cwd: string): string | null {
  if ("embedded" in database) return `embedded: ${relative(cwd, resolve(root, database.embedded)) || "."}`;
  if ("url" in database && !/^postgres(ql)?:\/\//i.test(database.url)) return null;
  const server = "url" in database ? describeUrl(database.url) : describeServer(database.server);
  return server.startsWith("(") ? null : redact(`database: ${server}`);
}
