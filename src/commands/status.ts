/** `migrator status`: the database's revisions against the code's heads, and what is pending. */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { planUpgrade } from "../revisions/plan";
import { readCurrentWithGraph } from "../runtime/current-with-graph";
import type { Interruption } from "../runtime/interrupted";

export interface PendingRevision {
  readonly revision: string;
  readonly message: string;
  readonly path: string;
}

export interface StatusResult {
  /** Version rows. */
  readonly current: readonly string[];
  /** Heads of the revision graph. */
  readonly heads: readonly string[];
  /** Revisions `upgrade heads` would run, in order. */
  readonly pending: readonly PendingRevision[];
  /** Rows no revision file defines (the pending list cannot be computed then). */
  readonly unknown: readonly string[];
  readonly state: "up to date" | "behind" | "unknown revision";
  /** Non-transactional steps that started and did not finish. */
  readonly interrupted: readonly Interruption[];
}

export async function status(config: ResolvedConfig, options: { executor?: Executor } = {}): Promise<StatusResult> {
  const { rows: current, graph, interruptions: interrupted } = await readCurrentWithGraph(config, options.executor);
  const unknown = current.filter((id) => !graph.has(id));
  const heads = [...graph.heads];
  if (unknown.length > 0) return { current, heads, pending: [], unknown, state: "unknown revision", interrupted };
  const pending = heads.length === 0 ? [] : planUpgrade(graph, current, "heads").steps.map((step) => ({
    revision: step.revision,
    message: graph.get(step.revision).header.message,
    path: step.path,
  }));
  return { current, heads, pending, unknown, state: pending.length === 0 ? "up to date" : "behind", interrupted };
}
