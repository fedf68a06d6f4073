/** `migrator heads`: the revisions nothing revises. */
import type { ResolvedConfig } from "../config/types";
import { type RevisionInfo, describe } from "../revisions/describe";
import { loadGraph } from "../revisions/load";

export interface HeadsOptions {
  /** Accepted for symmetry with the CLI; the data is always complete, the formatter decides. */
  readonly verbose?: boolean;
  /** Leave out heads another revision depends on (they are implied by it). */
  readonly resolveDependencies?: boolean;
}

export interface HeadsResult {
  readonly heads: readonly RevisionInfo[];
}

export function heads(config: ResolvedConfig, opts: HeadsOptions = {}): HeadsResult {
  const graph = loadGraph(config);
  const ids = opts.resolveDependencies ? graph.realHeads : graph.heads;
  return { heads: ids.map((id) => describe(graph, id)) };
}
