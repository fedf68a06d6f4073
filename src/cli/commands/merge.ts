import { defineCommand } from "../define";

export const mergeCommand = defineCommand({
  command: "merge <revisions..>",
  describe: "write a revision that merges several revisions (`heads` for all heads)",
  builder: (yargs) =>
    yargs
      .positional("revisions", { type: "string", array: true, demandOption: true, describe: "revisions to merge" })
      .option("message", { alias: "m", type: "string", demandOption: true, describe: "what the merge is for" })
      .option("branch-label", { type: "string", describe: "label for the merged branch" })
      .option("rev-id", { type: "string", describe: "the revision id (default: 12 random hex characters)" })
      .option("sql", { type: "boolean", default: false, describe: "write an .sql revision file (templates/revision.sql.hbs)" }),
  async run(args, context) {
    const [{ merge }, { formatMerge }, { hookWarning }] = await Promise.all([
      import("../../commands/merge"),
      import("../format/merge"),
      import("../format/revision"),
    ]);
    const result = merge(await context.config(), {
      revisions: args.revisions,
      message: args.message,
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
