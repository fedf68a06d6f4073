import { defineCommand } from "../define";

export const statusCommand = defineCommand({
  command: "status",
  describe: "database revision vs code heads, and the pending revisions",
  builder: (yargs) => yargs,
  async run(_args, context) {
    const [{ status }, { formatStatus }] = await Promise.all([import("../../commands/status"), import("../format/status")]);
    const result = await status(await context.config());
    if (context.json) return context.outJson(result);
    context.out(formatStatus(result));
  },
});
