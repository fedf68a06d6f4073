import { defineCommand } from "../define";

export const headsCommand = defineCommand({
  command: "heads",
  describe: "the heads of the revision graph",
  examples: [
    ["heads", "the revisions nothing builds on"],
    ["heads --verbose", "with their full entries"],
  ],
  builder: (yargs) =>
    yargs
      .option("verbose", { alias: "v", type: "boolean", default: false, describe: "full entries" })
      .option("resolve-dependencies", { type: "boolean", default: false, describe: "leave out heads others depend on" }),
  async run(args, context) {
    const [{ heads }, { formatHeads }] = await Promise.all([import("../../commands/heads"), import("../format/heads")]);
    const result = heads(await context.graphConfig(), { verbose: args.verbose, resolveDependencies: args.resolveDependencies });
    if (context.json) return context.outJson(result);
    context.out(formatHeads(result, { verbose: args.verbose }));
  },
});
