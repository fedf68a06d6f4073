import { ConfigError } from "../../../errors";
import type { DatabaseConfig, Executor } from "../../../db/types";
import { withPrivilegeErrors } from "./privilege";

/** The project folder each connection was opened for (where its caches are). */
const roots = new WeakMap<Executor, string>();

export function projectRootOf(executor: Executor): string | undefined {
  return roots.get(executor);
}

export function rememberProjectRoot(executor: Executor, root: string): void {
  roots.set(executor, root);
}

/** Opens the MySQL or MariaDB server a config names (a URL, or a DataSource's parts). */
export async function connect(database: DatabaseConfig, root: string): Promise<Executor> {
  if ("embedded" in database) {
    throw new ConfigError("the embedded database is PostgreSQL (PGlite); MySQL and MariaDB need a server", {
      hint: "set database: { url: \"mysql://user@host:3306/database\" }",
    });
  }
  const { connectServer } = await import("./server");
  const executor = await connectServer("url" in database ? database.url : database.server);
  rememberProjectRoot(executor, root);
  return executor;
}

/** `fn` with a connection that is always closed afterwards; a refused privilege comes out as a user error. */
export async function withConnection<T>(database: DatabaseConfig, root: string, fn: (executor: Executor) => Promise<T>): Promise<T> {
  const executor = await connect(database, root);
  try {
    return await withPrivilegeErrors(() => fn(executor));
  } finally {
    await executor.close().catch(() => undefined);
  }
}
