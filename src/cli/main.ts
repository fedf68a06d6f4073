import type { ArgumentsCamelCase, Argv } from "yargs";
import { UsageError } from "../errors";
import { takeIgnoredRevisionFileWarnings } from "../revisions/ignored-files";
import { takeDataSourceWarnings } from "../data-source/warnings";
import { commands } from "./commands";
import { CommandContext, processIO, type CliIO, type GlobalArgs } from "./context";
import type { CliCommand } from "./define";
import { attachDashValues, restoreDashWords } from "./dash-values";
import { reportError } from "./errors";
import { commandOptions } from "./command-syntax";
import { parseFast } from "./fast-path";
import { aliasesOf, GLOBAL_OPTIONS } from "./global-options";
import { spellFleetTargets } from "./fleet";
import { checkNumberOptions } from "./numbers";
import { takeSpeedupNotes } from "../speedups/notes";
import { skipHelpCaching } from "../speedups/yargs-help-cache";

/** Parse argv, run one command, return the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  try {
    return await runMain(argv, io);
  } finally {
    for (const warning of [...takeDataSourceWarnings(), ...takeIgnoredRevisionFileWarnings(io.cwd)]) io.stderr(`warning: ${warning}\n`);
    // why a speed-up was not taken (src/speedups/notes.ts): for --debug only
    const notes = takeSpeedupNotes();
    if (argv.includes("--debug")) for (const note of notes) io.stderr(`debug: ${note}\n`);
  }
}

/** The command line as both parsers are to read it (see dash-values.ts). */
export function prepareArgv(argv: readonly string[]): readonly string[] {
  const command = commandNamed(firstPositional(argv));
  return attachDashValues(spellFleetTargets(argv, command), command);
}

function commandNamed(name: string | undefined): CliCommand | undefined {
  return commands.find((c) => [c.command].flat().some((spec) => String(spec).split(" ")[0] === name));
}

async function runMain(typed: readonly string[], io: CliIO): Promise<number> {
  const argv = prepareArgv(typed);
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    const { MIGRATOR_VERSION } = await import("../version");
    io.stdout(`${MIGRATOR_VERSION}\n`);
    return 0;
  }
  const debug = argv.includes("--debug");
  let fast: ReturnType<typeof parseFast>;
  try {
    fast = parseFast(argv, commands);
  } catch (error) {
    return reportError(error, debug, io.stderr);
  }
  if (fast) {
    try {
      const args = restoreDashWords(fast.args);
      return (await fast.command.run(args, new CommandContext(args, io))) ?? 0;
    } catch (error) {
      return failureCode(fast.command, reportError(error, debug, io.stderr));
    }
  }
  return mainWithYargs(argv, io, debug);
}

/** Everything the fast path leaves: help, usage errors, unusual spellings. */
async function mainWithYargs(argv: readonly string[], io: CliIO, debug: boolean): Promise<number> {
  let exitCode = 0;
  let running: CliCommand | undefined;
  try {
    const helpText = await parseWithYargs(argv, async (command, parsed) => {
      running = command;
      const args = restoreDashWords(parsed);
      exitCode = (await command.run(args, new CommandContext(args, io))) ?? 0;
    });
    if (helpText) io.stdout(helpText.endsWith("\n") ? helpText : `${helpText}\n`);
  } catch (error) {
    exitCode = reportError(error, debug, io.stderr);
    if (running) exitCode = failureCode(running, exitCode);
  }
  return exitCode;
}

/** A failure's exit code as the command wants it (usage errors keep 2). */
function failureCode(command: CliCommand, code: number): number {
  return command.failureExitCode !== undefined && code === 1 ? command.failureExitCode : code;
}

/**
 * The command line through yargs: calls `handle` with the command and its
 * arguments, or returns the help text; usage errors throw a UsageError.
 */
export async function parseWithYargs(
  argv: readonly string[],
  handle: (command: CliCommand, args: ArgumentsCamelCase<GlobalArgs>) => Promise<void>,
): Promise<string> {
  const { default: yargs } = await import("yargs");
  const parser = yargs()
    .scriptName("migrator")
    .usage("$0 <command> [options]\n\nAlembic-style migrations for TypeORM on PostgreSQL.")
    .options(Object.fromEntries([...GLOBAL_OPTIONS].map(([name, spec]) => [name, { ...spec, global: true }])))
    .strict()
    .demandCommand(1, "name a command; see migrator --help")
    .recommendCommands()
    .help()
    .alias("help", "h")
    .version(false)
    .epilogue("migrator --version prints the version.")
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? usageError(message ?? "invalid usage", argv);
    });

  for (const command of commands) {
    const builder = (y: Argv<GlobalArgs>): Argv<GlobalArgs> => command.examples.reduce((built, [line, does]) => built.example(`$0 ${line}`, does), command.builder(y));
    parser.command(command.command as string | string[], command.describe, builder, (args) => {
      // yargs reads `--lock-timeout abc` as NaN and runs the command: refuse it as the fast path does
      const options = commandOptions(command);
      if (options) checkNumberOptions(argv, options);
      return handle(command, args as ArgumentsCamelCase<GlobalArgs>);
    });
  }

  skipHelpCaching(parser);

  let helpText = "";
  await parser.parseAsync([...argv], {}, (_error, _args, output) => {
    helpText = output;
  });
  return helpText;
}

/** yargs' words, reworded to name what was typed: "Did you mean upgrade?" alone does not. */
function usageError(message: string, argv: readonly string[]): UsageError {
  const typed = firstPositional(argv);
  const known = commands.flatMap((command) => [command.command].flat().map((spec) => String(spec).split(" ")[0]));
  const guess = /^Did you mean (\S+)\?$/.exec(message);
  if (guess && typed !== undefined) return new UsageError(`unknown command "${typed}"`, { hint: `did you mean "${guess[1]}"? (see migrator --help)` });
  if (typed !== undefined && !known.includes(typed) && message === `Unknown argument: ${typed}`) {
    return new UsageError(`unknown command "${typed}"`, { hint: `the commands: ${known.join(", ")}` });
  }
  const missing = missingPositional(message, typed);
  if (missing) return missing;
  return new UsageError(message, { hint: "see migrator --help" });
}

/** yargs' "Not enough non-option arguments" as the argument's name and the command's examples. */
function missingPositional(message: string, typed: string | undefined): UsageError | undefined {
  if (!message.startsWith("Not enough non-option arguments")) return undefined;
  const command = commandNamed(typed);
  const required = command ? /<([\w-]+)(\.\.)?>/.exec(String([command.command].flat()[0])) : null;
  if (!command || !required) return undefined;
  const name = (required[1] as string).replace(/s$/, "").toUpperCase();
  const examples = command.examples.map(([line]) => `migrator ${line}`).join(", ");
  return new UsageError(`${typed} needs a${/^[AEIOU]/.test(name) ? "n" : ""} ${name}`, { hint: `e.g. ${examples} (see migrator ${typed} --help)` });
}

/** The first word that is neither an option nor a global option's value. */
function firstPositional(argv: readonly string[]): string | undefined {
  const takesValue = new Set(
    [...GLOBAL_OPTIONS].filter(([, spec]) => spec.type === "string").flatMap(([name, spec]) => [`--${name}`, ...aliasesOf(spec).map((a) => `-${a}`)]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (takesValue.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}
