/** upgrade / downgrade --dry-run: lint's reading of the operations as the estimates of each statement (loaded only for a dry run). */
import type { ResolvedConfig } from "../config/types";
import type { DryRunEstimator } from "../runtime/dry-run";
import type { MigrateOptions } from "../runtime/migrate";

/** The options of a migrate call, with lint's estimator when it is a dry run that has none. */
export async function withDryRunEstimator<O extends Pick<MigrateOptions, "dryRun" | "estimator">>(config: Pick<ResolvedConfig, "dialect">, options: O): Promise<O & { estimator?: DryRunEstimator }> {
  if (!options.dryRun || options.estimator !== undefined) return options;
  const { dryRunEstimator } = await import("../lint/estimate");
  return { ...options, estimator: dryRunEstimator(config.dialect) };
}
