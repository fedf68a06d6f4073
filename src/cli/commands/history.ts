import { defineCommand } from "../define";

export const historyCommand = defineCommand({
  command: "history",
  describe: "revisions, newest first",
  builder: (yargs) =>
    yargs
      .option("rev-range", { alias: "r", type: "string", describe: "A:B, A: or :B" })
      .option("verbose", { alias: "v", type: "boolean", default: false, describe: "full entries" }),
  async run(args, context) {
    const [{ history }, { formatHistory }] = await Promise.all([
      import("../../commands/history"),
      import("../format/history"),
    ]);
    // `current` in a range needs the database; the runner issue passes it in (with --indicate-current)
    const result = history(await context.config(), { range: args.revRange, verbose: args.verbose });
    if (context.json) return context.outJson(result);
    context.out(formatHistory(result, { verbose: args.verbose }));
  },
});
