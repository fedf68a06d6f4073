import { defineCommand } from "../define";
import { isFleetRun, refuseStrayFleetOptions, runAcross, withFleetOptions } from "../fleet";

export const validateCommand = defineCommand({
  command: "validate",
  describe: "applied revisions whose files changed since they ran, or are gone (exit 1 when any)",
  examples: [
    ["validate", "applied revisions whose files changed or are gone"],
    ["validate --accept ae10", "record a deliberate edit of applied revision ae10"],
  ],
  builder: (yargs) =>
    withFleetOptions(yargs).option("accept", { type: "string", describe: "record the current file of applied revision REV as accepted (after a deliberate edit)" }),
  async run(args, context) {
    if (isFleetRun(args)) {
      const { acceptTask, validateTask } = await import("../../fleet/tasks");
      if (args.accept !== undefined) return runAcross(args, context, `validate --accept ${args.accept}`, acceptTask(args.accept), { revisions: false });
      return runAcross(args, context, "validate", validateTask, { revisions: false });
    }
    refuseStrayFleetOptions(args);
    const [{ validate, acceptChecksum }, { formatValidate }] = await Promise.all([import("../../commands/validate"), import("../format/validate")]);
    const config = await context.configWithDatabase();
    if (args.accept !== undefined) {
      const accepted = await acceptChecksum(config, args.accept);
      if (context.json) return context.outJson(accepted);
      context.out(`accepted ${accepted.revision}: validate now compares with its file as it is (sha256 ${accepted.checksum.slice(0, 12)}…)`);
      return 0;
    }
    const result = await validate(config);
    if (context.json) context.outJson(result);
    else context.out(formatValidate(result, config.root));
    return result.problems.length > 0 ? 1 : 0;
  },
});
