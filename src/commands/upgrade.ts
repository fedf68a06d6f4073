/** `migrator upgrade TARGET [--sql] [--dry-run]`: apply revisions up to TARGET; a dry run says what each statement locks, scans or rewrites. */
import type { ResolvedConfig } from "../config/types";
import { type MigrateOptions, type MigrateResult, migrate } from "../runtime/migrate";
import { withDryRunEstimator } from "./dry-run-estimator";

export type UpgradeOptions = MigrateOptions;
export type UpgradeResult = MigrateResult;

export async function upgrade(config: ResolvedConfig, options: UpgradeOptions): Promise<UpgradeResult> {
  return migrate(config, "up", await withDryRunEstimator(config, options));
}
