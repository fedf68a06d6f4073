/** `migrator downgrade TARGET [--sql FROM:TO] [--dry-run]`: revert revisions down to TARGET. */
import type { ResolvedConfig } from "../config/types";
import { type MigrateOptions, type MigrateResult, migrate } from "../runtime/migrate";

export type DowngradeOptions = MigrateOptions;
export type DowngradeResult = MigrateResult;

export function downgrade(config: ResolvedConfig, options: DowngradeOptions): Promise<DowngradeResult> {
  return migrate(config, "down", options);
}
