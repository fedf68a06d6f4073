import type { ArgumentsCamelCase, Argv } from "yargs";
import type { CommandContext, GlobalArgs } from "./context";

/** A command line (after `migrator`) and what it does, for `--help` and usage errors. */
export type Example = readonly [line: string, does: string];

/**
 * One CLI command: its yargs syntax and a `run` that calls the command
 * function and prints what it returns. Returns the exit code (default 0).
 */
export interface CliCommand {
  readonly command: string | readonly string[];
  readonly describe: string;
  /** Two or three, shown by `--help` and in the hint of a missing argument. */
  readonly examples: readonly Example[];
  readonly builder: (yargs: Argv<GlobalArgs>) => Argv<GlobalArgs>;
  readonly run: (args: ArgumentsCamelCase<GlobalArgs>, context: CommandContext) => Promise<number | void>;
  /** Exit code of any failure, when it must differ from 1 (check: diff(1)'s 2, since 1 means "changes"). */
  readonly failureExitCode?: number;
}

/** Ties the argument types the builder declares to the ones `run` receives. */
export function defineCommand<A extends GlobalArgs>(spec: {
  command: string | readonly string[];
  describe: string;
  examples: readonly Example[];
  builder: (yargs: Argv<GlobalArgs>) => Argv<A>;
  run: (args: ArgumentsCamelCase<A>, context: CommandContext) => Promise<number | void>;
  failureExitCode?: number;
}): CliCommand {
  return spec as unknown as CliCommand;
}
