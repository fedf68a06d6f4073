/** `migrator check`: would autogenerate write anything? */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { compareWithDatabase } from "../compare";
import { describeOperation } from "../ops/describe";
import type { Operation } from "../ops/types";
import { startCompilingEntities } from "../loader/entities";
import { loadGraph } from "../revisions/load";
import { useConnection } from "../runtime/session";
import { requireAtHeads } from "./at-heads";

export interface CheckResult {
  readonly upToDate: boolean;
  readonly operations: readonly { readonly description: string; readonly destructive: string | null; readonly op: Operation }[];
  readonly destructiveCount: number;
  readonly warnings: readonly string[];
}

/** `executor`: an open connection to use instead of connecting from the config (a fleet's target). */
export async function check(config: ResolvedConfig, options: { executor?: Executor } = {}): Promise<CheckResult> {
  // a fresh clone's entity files compile on swc's threads while the graph is read and the database answers
  startCompilingEntities(config);
  const graph = loadGraph(config, { missingFoldersAreEmpty: true });
  return useConnection(config, options.executor, async (executor) => {
    await requireAtHeads(executor, config, graph, "so the pending revisions' changes are not reported as new ones");
    const comparison = await compareWithDatabase(config, executor);
    const operations = comparison.ops.map((op) => ({ description: describeOperation(op), destructive: op.destructive ?? null, op }));
    return {
      upToDate: operations.length === 0,
      operations,
      destructiveCount: operations.filter((o) => o.destructive !== null).length,
      warnings: comparison.warnings,
    };
  });
}
