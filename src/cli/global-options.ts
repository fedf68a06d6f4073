/**
 * The options every command takes, declared once: yargs is given them as
 * global options (main.ts), and the fast path (src/speedups/cli-fast-path.ts)
 * and the dash-value reading (dash-values.ts) read the same entries.
 */
export interface OptionSpec {
  readonly type?: "string" | "boolean" | "number";
  readonly alias?: string | readonly string[];
  readonly default?: unknown;
  readonly array?: boolean;
  readonly demandOption?: boolean | string;
  readonly describe?: string;
  readonly defaultDescription?: string;
  /** Parsed, but left out of --help (an internal spelling). */
  readonly hidden?: boolean;
}

export const GLOBAL_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map<string, OptionSpec>([
  ["config", { type: "string", describe: "path of the config file", default: undefined, defaultDescription: "migrator.config.ts" }],
  ["url", { type: "string", describe: "database URL; overrides the config" }],
  ["data-source", { alias: "d", type: "string", describe: "the project's TypeORM DataSource module (entities, naming, connection)" }],
  ["json", { type: "boolean", describe: "machine-readable output" }],
  ["debug", { type: "boolean", describe: "print stack traces on errors" }],
]);

/** An option's aliases as a list. */
export function aliasesOf(spec: OptionSpec): readonly string[] {
  return spec.alias === undefined ? [] : typeof spec.alias === "string" ? [spec.alias] : spec.alias;
}
