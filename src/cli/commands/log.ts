import { defineCommand } from "../define";

export const logCommand = defineCommand({
  command: "log",
  describe: "the applied steps from the log table, newest first: revision, direction, times, duration, user, host",
  examples: [
    ["log", "every applied step, newest first"],
    ["log -n 10 --json", "the newest ten, as data"],
  ],
  builder: (yargs) => yargs.option("n", { alias: "limit", type: "number", describe: "show the newest N steps only" }),
  async run(args, context) {
    const [{ log }, { formatLog }] = await Promise.all([import("../../commands/log"), import("../format/log")]);
    const result = await log(await context.configWithDatabase(), { limit: args.n });
    if (context.json) return context.outJson(result);
    context.out(formatLog(result));
  },
});
