/** `migrator history [-r RANGE]`: revisions newest first. */
import type { ResolvedConfig } from "../config/types";
import { type RevisionInfo, describe } from "../revisions/describe";
import { loadGraph } from "../revisions/load";
import { resolveRange } from "../revisions/range";

export interface HistoryOptions {
  /** `A:B`, `A:`, `:B`; every revision when absent. */
  readonly range?: string;
  readonly verbose?: boolean;
  /** The database's revisions, when the caller has them (`current` in ranges, --indicate-current). */
  readonly current?: readonly string[];
}

export interface HistoryResult {
  readonly revisions: readonly RevisionInfo[];
}

export function history(config: ResolvedConfig, opts: HistoryOptions = {}): HistoryResult {
  const graph = loadGraph(config);
  const ids = resolveRange(graph, opts.range, { current: opts.current });
  const current = opts.current ? new Set(opts.current) : undefined;
  return { revisions: ids.map((id) => describe(graph, id, current)) };
}
