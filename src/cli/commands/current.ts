import { defineCommand } from "../define";
import { isFleetRun, refuseStrayFleetOptions, runAcross, withFleetOptions } from "../fleet";

export const currentCommand = defineCommand({
  command: "current",
  describe: "the revisions the database is at",
  examples: [
    ["current", "the revisions the database is at"],
    ["current --check-heads", "exit 1 unless the database is at the heads"],
  ],
  builder: (yargs) =>
    withFleetOptions(yargs)
      .option("verbose", { alias: "v", type: "boolean", default: false, describe: "full entries" })
      .option("check-heads", { type: "boolean", default: false, describe: "exit 1 unless the database is exactly at the heads (Alembic's spelling)" }),
  async run(args, context) {
    if (isFleetRun(args)) return runAcross(args, context, "current", (await import("../../fleet/tasks")).currentTask(args.checkHeads), { revisions: true });
    refuseStrayFleetOptions(args);
    const [{ current }, { formatCurrent }] = await Promise.all([import("../../commands/current"), import("../format/current")]);
    const result = await current(await context.configWithDatabase());
    if (context.json) context.outJson(result);
    else context.out(formatCurrent(result, { verbose: args.verbose }));
    return args.checkHeads && !result.atHeads ? 1 : 0;
  },
});
