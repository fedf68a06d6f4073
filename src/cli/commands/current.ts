import { defineCommand } from "../define";

export const currentCommand = defineCommand({
  command: "current",
  describe: "the revisions the database is at",
  builder: (yargs) => yargs.option("verbose", { alias: "v", type: "boolean", default: false, describe: "full entries" }),
  async run(args, context) {
    const [{ current }, { formatCurrent }] = await Promise.all([import("../../commands/current"), import("../format/current")]);
    const result = await current(await context.config());
    if (context.json) return context.outJson(result);
    context.out(formatCurrent(result, { verbose: args.verbose }));
  },
});
