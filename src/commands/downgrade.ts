/** `migrator downgrade TARGET [--sql FROM:TO] [--dry-run]`: revert revisions down to TARGET; a dry run says what each statement locks, scans or rewrites. */
import type { ResolvedConfig } from "../config/types";
import { type MigrateOptions, type MigrateResult, migrate } from "../runtime/migrate";
import { withDryRunEstimator } from "./dry-run-estimator";

export type DowngradeOptions = MigrateOptions;
export type DowngradeResult = MigrateResult;

export async function downgrade(config: ResolvedConfig, options: DowngradeOptions): Promise<DowngradeResult> {
  return migrate(config, "down", await withDryRunEstimator(config, options));
}
