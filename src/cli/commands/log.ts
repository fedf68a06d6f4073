import { defineCommand } from "../define";
import { isFleetRun, refuseStrayFleetOptions, runAcross, withFleetOptions } from "../fleet";

export const logCommand = defineCommand({
  command: "log",
  describe: "the applied steps from the log table, newest first: revision, direction, times, duration, user, host",
  examples: [
    ["log", "every applied step, newest first"],
    ["log -n 10 --json", "the newest ten, as data"],
  ],
  builder: (yargs) => withFleetOptions(yargs).option("n", { alias: "limit", type: "number", describe: "show the newest N steps only" }),
  async run(args, context) {
    if (isFleetRun(args)) return runAcross(args, context, "log", (await import("../../fleet/tasks")).logTask(args.n), { revisions: false });
    refuseStrayFleetOptions(args);
    const [{ log }, { formatLog }] = await Promise.all([import("../../commands/log"), import("../format/log")]);
    const result = await log(await context.configWithDatabase(), { limit: args.n });
    if (context.json) return context.outJson(result);
    context.out(formatLog(result));
  },
});
