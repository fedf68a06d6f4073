import { resolve } from "node:path";
import type { DatabaseConfig, Executor } from "./types";

/** Open the database a config names: a server by url, or the embedded one in its folder. */
export async function connect(database: DatabaseConfig, root: string): Promise<Executor> {
  if ("url" in database) {
    const { connectServer } = await import("./server");
    return connectServer(database.url);
  }
  if ("server" in database) {
    const { connectServer } = await import("./server");
    return connectServer(database.server);
  }
  const { connectEmbedded } = await import("./embedded");
  return connectEmbedded(resolve(root, database.embedded));
}

/** Run `fn` with a connection that is always closed afterwards. */
export async function withConnection<T>(database: DatabaseConfig, root: string, fn: (executor: Executor) => Promise<T>): Promise<T> {
  const executor = await connect(database, root);
  try {
    return await fn(executor);
  } finally {
    await executor.close().catch(() => undefined);
  }
}
