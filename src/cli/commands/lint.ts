import { defineCommand } from "../define";

export const lintCommand = defineCommand({
  command: "lint [range]",
  describe: "check revisions for statements that lock or rewrite busy tables (exit 1 on an error, 2 when lint itself fails)",
  examples: [
    ["lint", "every revision"],
    ["lint ae10: --sizes", "ae10 and the revisions after it, with each finding's table size read from the database"],
    ["lint head --json", "the newest revision, as data for CI"],
  ],
  builder: (yargs) =>
    yargs
      .positional("range", { type: "string", describe: "A:B, A:, :B, or one revision (default: every revision)" })
      .option("sizes", { type: "boolean", default: false, describe: "connect to the database and add each finding's table size (rows, bytes) from its catalog" }),
  failureExitCode: 2,
  async run(args, context) {
    const { lint, lintNeedsDatabase } = await import("../../commands/lint");
    const config = await (lintNeedsDatabase(args.range) || args.sizes ? context.configWithDatabase() : context.config());
    const result = await lint(config, { range: args.range, sizes: args.sizes });
    if (context.json) context.outJson(result);
    else {
      const { formatLint } = await import("../format/lint");
      context.out(formatLint(result, context.io.cwd));
    }
    return result.errors > 0 ? 1 : 0;
  },
});
