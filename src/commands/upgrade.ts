/** `migrator upgrade TARGET [--sql] [--dry-run]`: apply revisions up to TARGET. */
import type { ResolvedConfig } from "../config/types";
import { type MigrateOptions, type MigrateResult, migrate } from "../runtime/migrate";

export type UpgradeOptions = MigrateOptions;
export type UpgradeResult = MigrateResult;

export function upgrade(config: ResolvedConfig, options: UpgradeOptions): Promise<UpgradeResult> {
  return migrate(config, "up", options);
}
