import { defineCommand } from "../define";
import { isFleetRun, referenceConfig, refuseStrayFleetOptions, runAcross, withFleetOptions } from "../fleet";

export const checkCommand = defineCommand({
  command: "check",
  describe: "exit 1, listing the operations, when autogenerate would write anything (0: nothing to do; 2: an error)",
  examples: [
    ["check", "exit 1 and list what autogenerate would write; 0 when nothing"],
    ["check --json", "the same as data, for CI"],
  ],
  builder: (yargs) => withFleetOptions(yargs),
  failureExitCode: 2,
  async run(args, context) {
    // drift per target; 2 when a target failed, as for one database
    if (isFleetRun(args)) return runAcross(args, context, "check", (await import("../../fleet/tasks")).checkTask, { revisions: false, failureCode: 2 });
    refuseStrayFleetOptions(args);
    const config = await referenceConfig(context);
    // a fresh clone's entity files start compiling on swc's threads while the rest of check loads here
    (await import("../../loader/entities")).startCompilingEntities(config);
    const { check } = await import("../../commands/check");
    const result = await check(config);
    for (const warning of result.warnings) context.note(`warning: ${warning}`);
    if (context.json) context.outJson({ upToDate: result.upToDate, destructiveCount: result.destructiveCount, warnings: result.warnings, operations: result.operations });
    else {
      const { formatCheck } = await import("../format/check");
      context.out(formatCheck(result));
    }
    return result.upToDate ? 0 : 1;
  },
});
