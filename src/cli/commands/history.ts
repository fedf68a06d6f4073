import { defineCommand } from "../define";

export const historyCommand = defineCommand({
  command: "history",
  describe: "revisions, newest first",
  examples: [
    ["history", "every revision, newest first"],
    ["history -r -2:", "the heads and the two revisions below them"],
    ["history -i --verbose", "full entries, the database's revisions marked"],
  ],
  builder: (yargs) =>
    yargs
      .option("rev-range", { alias: "r", type: "string", describe: "A:B, A: or :B" })
      .option("verbose", { alias: "v", type: "boolean", default: false, describe: "full entries" })
      .option("indicate-current", { alias: "i", type: "boolean", default: false, describe: "mark the revisions the database is at" }),
  async run(args, context) {
    const [{ history, historyWithCurrent }, { formatHistory }] = await Promise.all([
      import("../../commands/history"),
      import("../format/history"),
    ]);
    // the database is only opened when asked for: --indicate-current, or `current` in the range
    const needsDatabase = args.indicateCurrent || /\bcurrent\b/.test(args.revRange ?? "");
    const config = await (needsDatabase ? context.configWithDatabase() : context.graphConfig());
    const options = { range: args.revRange, verbose: args.verbose };
    const result = needsDatabase ? await historyWithCurrent(config, options) : history(config, options);
    if (context.json) return context.outJson(result);
    context.out(formatHistory(result, { verbose: args.verbose }));
  },
});
