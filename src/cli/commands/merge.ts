import { defineCommand } from "../define";

export const mergeCommand = defineCommand({
  command: "merge <revisions..>",
  describe: "write a revision that merges several revisions (`heads` for all heads)",
  examples: [
    ["merge heads -m \"join branches\"", "one revision joining every head"],
    ["merge ae10 27c6 -m \"merge\"", "join two given revisions"],
  ],
  builder: (yargs) =>
    yargs
      .positional("revisions", { type: "string", array: true, demandOption: true, describe: "revisions to merge" })
      // not demandOption: a missing -m and an empty one are then the same error (checkMessage's), as for revision
      .option("message", { alias: "m", type: "string", describe: "what the merge is for (required)" })
      .option("branch-label", { type: "string", describe: "label for the merged branch" })
      .option("rev-id", { type: "string", describe: "the revision id (default: 12 random hex characters)" })
      .option("sql", { type: "boolean", default: false, describe: "write an .sql revision file (templates/revision.sql.hbs)" }),
  async run(args, context) {
    const [{ merge }, { formatMerge }, { hookWarning }, { checkMessage }] = await Promise.all([
      import("../../commands/merge"),
      import("../format/merge"),
      import("../format/revision"),
      import("../../revisions/naming"),
    ]);
    const message = checkMessage(args.message ?? "");
    const result = merge(await context.graphConfig(), {
      revisions: args.revisions,
      message,
      branchLabel: args.branchLabel,
      revId: args.revId,
      sqlFile: args.sql,
    });
    const failed = hookWarning(result);
    if (failed !== undefined) context.note(failed);
    if (context.json) return context.outJson(result);
    context.out(formatMerge(result));
  },
});
