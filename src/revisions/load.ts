/** The graph of a project's revision folders (scan + build): what every command starts from. */
import type { ResolvedConfig } from "../config/types";
import { RevisionGraph } from "./graph";
import { headerCacheFileFor } from "./header-cache";
import { scanRevisionFolders } from "./scan";

export function loadGraph(config: Pick<ResolvedConfig, "migrations" | "root">): RevisionGraph {
  const cacheFile = process.env.MIGRATOR_NO_CACHE ? undefined : headerCacheFileFor(config.root);
  return RevisionGraph.build(scanRevisionFolders(config.migrations, { cacheFile }));
}
