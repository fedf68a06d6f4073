/** The graph of a project's revision folders (scan + build): what every command starts from. */
import type { ResolvedConfig } from "../config/types";
import { RevisionGraph } from "./graph";
import { scanRevisionFolders } from "./scan";

export function loadGraph(config: Pick<ResolvedConfig, "migrations">): RevisionGraph {
  return RevisionGraph.build(scanRevisionFolders(config.migrations));
}
