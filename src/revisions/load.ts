/** The graph of a project's revision folders (scan + build): what every command starts from. */
import { existsSync } from "node:fs";
import type { ResolvedConfig } from "../config/types";
import { RevisionGraph } from "./graph";
import { headerCacheFileFor } from "./header-cache";
import { scanRevisionFolders } from "./scan";

export interface LoadGraphOptions {
  /** A revision folder that does not exist holds no revisions yet (check: a project before its first revision). */
  readonly missingFoldersAreEmpty?: boolean;
}

export function loadGraph(
  config: Pick<ResolvedConfig, "migrations" | "root"> & Partial<Pick<ResolvedConfig, "configPath">>,
  options: LoadGraphOptions = {},
): RevisionGraph {
  const cacheFile = process.env.MIGRATOR_NO_CACHE ? undefined : headerCacheFileFor(config.root);
  // with no config file (a DataSource only), nobody asked for `migrations/`: until a revision makes it, there are none
  const skipMissing = options.missingFoldersAreEmpty === true || config.configPath === null;
  const folders = skipMissing ? config.migrations.filter((folder) => existsSync(folder)) : config.migrations;
  return RevisionGraph.build(scanRevisionFolders(folders, { cacheFile }));
}
