import { defineCommand } from "../define";

export const currentCommand = defineCommand({
  command: "current",
  describe: "the revisions the database is at",
  examples: [
    ["current", "the revisions the database is at"],
    ["current --check-heads", "exit 1 unless the database is at the heads"],
  ],
  builder: (yargs) =>
    yargs
      .option("verbose", { alias: "v", type: "boolean", default: false, describe: "full entries" })
      .option("check-heads", { type: "boolean", default: false, describe: "exit 1 unless the database is exactly at the heads (Alembic's spelling)" }),
  async run(args, context) {
    const [{ current }, { formatCurrent }] = await Promise.all([import("../../commands/current"), import("../format/current")]);
    const result = await current(await context.configWithDatabase());
    if (context.json) context.outJson(result);
    else context.out(formatCurrent(result, { verbose: args.verbose }));
    return args.checkHeads && !result.atHeads ? 1 : 0;
  },
});
