import { defineCommand } from "../define";

export const branchesCommand = defineCommand({
  command: "branches",
  describe: "branch points of the revision graph",
  examples: [
    ["branches", "the revisions where the graph forks"],
    ["branches --verbose", "with their full entries"],
  ],
  builder: (yargs) => yargs.option("verbose", { alias: "v", type: "boolean", default: false, describe: "full entries" }),
  async run(args, context) {
    const [{ branches }, { formatBranches }] = await Promise.all([
      import("../../commands/branches"),
      import("../format/branches"),
    ]);
    const result = branches(await context.graphConfig(), { verbose: args.verbose });
    if (context.json) return context.outJson(result);
    context.out(formatBranches(result, { verbose: args.verbose }));
  },
});
