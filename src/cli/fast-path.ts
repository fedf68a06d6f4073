/**
 * The CLI's side of the fast path (src/speedups/cli-fast-path.ts): a line it
 * can read goes to the command without loading yargs. Off with
 * MIGRATOR_SPEEDUPS=off: every line goes through yargs.
 */
import type { ArgumentsCamelCase } from "yargs";
import { fastCommandName, parseWithSyntax } from "../speedups/cli-fast-path";
import { speedupsOn } from "../speedups/switch";
import { commandName, recordSyntax } from "./command-syntax";
import type { GlobalArgs } from "./context";
import type { CliCommand } from "./define";
import { GLOBAL_OPTIONS } from "./global-options";
import { checkNumberOptions } from "./numbers";

export interface FastParse {
  readonly command: CliCommand;
  /** What yargs would hand the command's handler. */
  readonly args: ArgumentsCamelCase<GlobalArgs>;
}

/** The command and its arguments, or undefined to leave the line to yargs; a number option's bad value throws the UsageError both paths give. */
export function parseFast(argv: readonly string[], commands: readonly CliCommand[], env: NodeJS.ProcessEnv = process.env): FastParse | undefined {
  if (!speedupsOn(env)) return undefined;
  const name = fastCommandName(argv, GLOBAL_OPTIONS);
  const command = name === undefined ? undefined : commands.find((c) => commandName(c) === name);
  const syntax = command && recordSyntax(command);
  if (!command || !syntax) return undefined;
  // a usage error either way: said here, without loading yargs to say it
  checkNumberOptions(argv, syntax.options);
  const args = parseWithSyntax(syntax, argv);
  return args && { command, args: args as ArgumentsCamelCase<GlobalArgs> };
}
