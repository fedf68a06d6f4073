/** `migrator branches`: branch points, newest first, each with the revisions it branches into. */
import type { ResolvedConfig } from "../config/types";
import { type RevisionInfo, describe } from "../revisions/describe";
import { loadGraph } from "../revisions/load";

export interface BranchesOptions {
  readonly verbose?: boolean;
}

export interface BranchPointInfo extends RevisionInfo {
  readonly into: readonly RevisionInfo[];
}

export interface BranchesResult {
  readonly branchPoints: readonly BranchPointInfo[];
}

export function branches(config: ResolvedConfig, _opts: BranchesOptions = {}): BranchesResult {
  const graph = loadGraph(config);
  const points = new Set(graph.branchPoints);
  const ordered = graph.downgradeOrder(new Set(graph.ids)).filter((id) => points.has(id));
  return {
    branchPoints: ordered.map((id) => ({
      ...describe(graph, id),
      into: graph.get(id).children.map((child) => describe(graph, child)),
    })),
  };
}
