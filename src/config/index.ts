export { defineConfig } from "./define";
export { loadConfig, resolveConfig, DEFAULT_CONFIG_FILE, PACKAGED_TEMPLATE_PATH, PACKAGED_SQL_TEMPLATE_PATH, type LoadConfigOptions } from "./load";
export type { UserConfig, ResolvedConfig, RenameHint } from "./types";
