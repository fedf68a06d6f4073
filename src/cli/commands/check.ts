import { defineCommand } from "../define";

export const checkCommand = defineCommand({
  command: "check",
  describe: "exit 1, listing the operations, when autogenerate would write anything (0: nothing to do; 2: an error)",
  examples: [
    ["check", "exit 1 and list what autogenerate would write; 0 when nothing"],
    ["check --json", "the same as data, for CI"],
  ],
  builder: (yargs) => yargs,
  failureExitCode: 2,
  async run(_args, context) {
    const { check } = await import("../../commands/check");
    const result = await check(await context.configWithDatabase());
    for (const warning of result.warnings) context.note(`warning: ${warning}`);
    if (context.json) context.outJson({ upToDate: result.upToDate, destructiveCount: result.destructiveCount, warnings: result.warnings, operations: result.operations });
    else {
      const { formatCheck } = await import("../format/check");
      context.out(formatCheck(result));
    }
    return result.upToDate ? 0 : 1;
  },
});
