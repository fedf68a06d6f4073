/** `migrator check`: would autogenerate write anything? */
import type { ResolvedConfig } from "../config/types";
import { compareWithDatabase } from "../compare";
import { describeOperation } from "../ops/describe";
import type { Operation } from "../ops/types";
import { loadGraph } from "../revisions/load";
import { requireAtHeads } from "./at-heads";

export interface CheckResult {
  readonly upToDate: boolean;
  readonly operations: readonly { readonly description: string; readonly destructive: string | null; readonly op: Operation }[];
  readonly destructiveCount: number;
  readonly warnings: readonly string[];
}

export async function check(config: ResolvedConfig): Promise<CheckResult> {
  const graph = loadGraph(config, { missingFoldersAreEmpty: true });
  return config.dialect.runtime.withConnection(config.database, config.root, async (executor) => {
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
