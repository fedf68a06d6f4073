import { defineCommand } from "../define";

export const lintCommand = defineCommand({
  command: "lint [range]",
  describe: "check revisions for statements that lock or rewrite busy tables (exit 1 on an error, 2 when lint itself fails)",
  examples: [
    ["lint", "every revision"],
    ["lint ae10:", "ae10 and the revisions after it (e.g. the ones a branch adds)"],
    ["lint head --json", "the newest revision, as data for CI"],
  ],
  builder: (yargs) => yargs.positional("range", { type: "string", describe: "A:B, A:, :B, or one revision (default: every revision)" }),
  failureExitCode: 2,
  async run(args, context) {
    const { lint, lintNeedsDatabase } = await import("../../commands/lint");
    const config = await (lintNeedsDatabase(args.range) ? context.configWithDatabase() : context.config());
    const result = await lint(config, { range: args.range });
    if (context.json) context.outJson(result);
    else {
      const { formatLint } = await import("../format/lint");
      context.out(formatLint(result, context.io.cwd));
    }
    return result.errors > 0 ? 1 : 0;
  },
});
