import type { ArgumentsCamelCase } from "yargs";
import { UsageError } from "../errors";
import { takeIgnoredRevisionFileWarnings } from "../revisions/ignored-files";
import { commands } from "./commands";
import { CommandContext, processIO, type CliIO, type GlobalArgs } from "./context";
import type { CliCommand } from "./define";
import { reportError } from "./errors";
import { parseFast } from "./fast-path";

/** Parse argv, run one command, return the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  try {
    return await runMain(argv, io);
  } finally {
    for (const warning of takeIgnoredRevisionFileWarnings(io.cwd)) io.stderr(`warning: ${warning}\n`);
  }
}

async function runMain(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes("--debug");
  const fast = parseFast(argv, commands);
  if (fast) {
    try {
      return (await fast.command.run(fast.args, new CommandContext(fast.args, io))) ?? 0;
    } catch (error) {
      return reportError(error, debug, io.stderr);
    }
  }
  return mainWithYargs(argv, io, debug);
}

/** Everything the fast path leaves: help, usage errors, unusual spellings. */
async function mainWithYargs(argv: readonly string[], io: CliIO, debug: boolean): Promise<number> {
  let exitCode = 0;
  try {
    const helpText = await parseWithYargs(argv, async (command, args) => {
      exitCode = (await command.run(args, new CommandContext(args, io))) ?? 0;
    });
    if (helpText) io.stdout(helpText.endsWith("\n") ? helpText : `${helpText}\n`);
  } catch (error) {
    exitCode = reportError(error, debug, io.stderr);
  }
  return exitCode;
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
    .option("config", { type: "string", describe: "path of the config file", default: undefined, defaultDescription: "migrator.config.ts", global: true })
    .option("url", { type: "string", describe: "database URL; overrides the config", global: true })
    .option("json", { type: "boolean", describe: "machine-readable output", global: true })
    .option("debug", { type: "boolean", describe: "print stack traces on errors", global: true })
    .strict()
    .demandCommand(1, "name a command; see migrator --help")
    .recommendCommands()
    .help()
    .alias("help", "h")
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message ?? "invalid usage", { hint: "see migrator --help" });
    });

  for (const command of commands) {
    parser.command(command.command as string | string[], command.describe, command.builder, (args) => handle(command, args as ArgumentsCamelCase<GlobalArgs>));
  }

  skipHelpCaching(parser);

  let helpText = "";
  await parser.parseAsync([...argv], {}, (_error, _args, output) => {
    helpText = output;
  });
  return helpText;
}

/**
 * After starting any command, yargs renders the whole help text (cliui,
 * wrap-ansi, string-width over every command and option) only to cache it
 * in case the handler later asks for help. Ours never do, so that rendering
 * is skipped; `--help` and usage errors render as before.
 */
function skipHelpCaching(parser: unknown): void {
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => Record<string, unknown> } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
}
