import { defineCommand } from "../define";

export const validateCommand = defineCommand({
  command: "validate",
  describe: "applied revisions whose files changed since they ran, or are gone (exit 1 when any)",
  builder: (yargs) => yargs,
  async run(_args, context) {
    const [{ validate }, { formatValidate }] = await Promise.all([import("../../commands/validate"), import("../format/validate")]);
    const config = await context.config();
    const result = await validate(config);
    if (context.json) context.outJson(result);
    else context.out(formatValidate(result, config.root));
    return result.problems.length > 0 ? 1 : 0;
  },
});
