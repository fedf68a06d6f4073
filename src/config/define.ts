import type { UserConfig } from "./types";

/** Identity at run time; gives migrator.config.ts its types and editor completion. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
