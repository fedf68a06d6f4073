/** upgrade / downgrade --dry-run: lint's reading of the operations as the estimates of each statement (loaded only for a dry run). */
import type { ResolvedConfig } from "../config/types";
import type { DryRunEstimator } from "../runtime/dry-run";
import type { MigrateOptions } from "../runtime/migrate";

export async function estimatorOf(config: Pick<ResolvedConfig, "dialect">, options: MigrateOptions): Promise<DryRunEstimator> {
  return options.estimator ?? (await import("../lint/estimate")).dryRunEstimator(config.dialect);
}
