/** `migrator history [-r RANGE]`: revisions newest first. */
import type { ResolvedConfig } from "../config/types";
import { type RevisionInfo, describe } from "../revisions/describe";
import type { RevisionGraph } from "../revisions/graph";
import { loadGraph } from "../revisions/load";
import { readCurrentWithGraph } from "../runtime/current-with-graph";
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
  return historyOf(loadGraph(config), opts);
}

/** history with the database's revisions, read while the revision files are scanned. */
export async function historyWithCurrent(config: ResolvedConfig, opts: Omit<HistoryOptions, "current"> = {}): Promise<HistoryResult> {
  const { rows, graph } = await readCurrentWithGraph(config);
  return historyOf(graph, { ...opts, current: rows });
}

function historyOf(graph: RevisionGraph, opts: HistoryOptions): HistoryResult {
  const ids = resolveRange(graph, opts.range, { current: opts.current });
  const current = opts.current ? new Set(opts.current) : undefined;
  return { revisions: ids.map((id) => describe(graph, id, current)) };
}
