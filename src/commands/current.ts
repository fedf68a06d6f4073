/** `migrator current [--verbose]`: the revisions the database is at. */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { type RevisionInfo, describe } from "../revisions/describe";
import { readCurrentWithGraph } from "../runtime/current-with-graph";
import type { Interruption } from "../runtime/interrupted";

export interface CurrentResult {
  /** The version rows, as stored. */
  readonly revisions: readonly string[];
  /** The rows a revision file defines, described. */
  readonly known: readonly RevisionInfo[];
  /** Rows no revision file defines. */
  readonly unknown: readonly string[];
  /** Non-transactional steps that started and did not finish. */
  readonly interrupted: readonly Interruption[];
  /** Whether the database is exactly at the graph's heads, with no unfinished step (`--check-heads`). */
  readonly atHeads: boolean;
}

export async function current(config: ResolvedConfig, options: { executor?: Executor } = {}): Promise<CurrentResult> {
  const { rows, graph, interruptions } = await readCurrentWithGraph(config, options.executor);
  const currentSet = new Set(rows);
  return {
    revisions: rows,
    known: rows.filter((id) => graph.has(id)).map((id) => describe(graph, id, currentSet)),
    unknown: rows.filter((id) => !graph.has(id)),
    interrupted: interruptions,
    atHeads: interruptions.length === 0 && [...rows].sort().join(" ") === [...graph.heads].sort().join(" "),
  };
}
