/** `migrator upgrade TARGET [--sql] [--dry-run]`: apply revisions up to TARGET; a dry run says what each statement locks, scans or rewrites. */
import type { ResolvedConfig } from "../config/types";
import { type MigrateOptions, type MigrateResult, migrate } from "../runtime/migrate";
import { estimatorOf } from "./dry-run-estimator";

export type UpgradeOptions = MigrateOptions;
export type UpgradeResult = MigrateResult;

export async function upgrade(config: ResolvedConfig, options: UpgradeOptions): Promise<UpgradeResult> {
  return migrate(config, "up", options.dryRun ? { ...options, estimator: await estimatorOf(config, options) } : options);
}
