import yargs from "yargs";
import { UsageError } from "../errors";
import { commands } from "./commands";
import { CommandContext, processIO, type CliIO, type GlobalArgs } from "./context";
import { reportError } from "./errors";

/** Parse argv, run one command, return the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes("--debug");
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
    parser.command(command.command as string | string[], command.describe, command.builder, async (args) => {
      const context = new CommandContext(args as GlobalArgs, io);
      exitCode = (await command.run(args, context)) ?? 0;
    });
  }

  skipHelpCaching(parser);

  let helpText = "";
  try {
    await parser.parseAsync([...argv], {}, (_error, _args, output) => {
      helpText = output;
    });
    if (helpText) io.stdout(helpText.endsWith("\n") ? helpText : `${helpText}\n`);
  } catch (error) {
    exitCode = reportError(error, debug, io.stderr);
  }
  return exitCode;
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
