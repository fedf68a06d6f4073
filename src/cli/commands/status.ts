import { defineCommand } from "../define";
import { isFleetRun, refuseStrayFleetOptions, runAcross, withFleetOptions } from "../fleet";

export const statusCommand = defineCommand({
  command: "status",
  describe: "database revision vs code heads, and the pending revisions",
  examples: [
    ["status", "database revisions vs code heads, and what is pending"],
    ["status --check", "exit 1 unless the database is at the heads"],
  ],
  builder: (yargs) =>
    withFleetOptions(yargs).option("check", {
      type: "boolean",
      default: false,
      describe: "exit 1 unless the database is at the heads: behind, at a revision no file defines, or with an unfinished step",
    }),
  async run(args, context) {
    if (isFleetRun(args)) return runAcross(args, context, "status", (await import("../../fleet/tasks")).statusTask(args.check), { revisions: true });
    refuseStrayFleetOptions(args);
    const [{ status }, { formatStatus }] = await Promise.all([import("../../commands/status"), import("../format/status")]);
    const result = await status(await context.configWithDatabase());
    if (context.json) context.outJson(result);
    else context.out(formatStatus(result));
    return args.check && (result.state !== "up to date" || result.interrupted.length > 0) ? 1 : 0;
  },
});
