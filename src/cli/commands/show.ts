import { defineCommand } from "../define";

export const showCommand = defineCommand({
  command: "show <rev>",
  describe: "one revision's header, path and file",
  examples: [
    ["show head", "the newest revision: header, path and body"],
    ["show ae10", "a revision by an unambiguous id prefix"],
  ],
  builder: (yargs) => yargs.positional("rev", { type: "string", demandOption: true, describe: "a revision target" }),
  async run(args, context) {
    const [{ show }, { formatShow }] = await Promise.all([import("../../commands/show"), import("../format/show")]);
    const result = show(await context.graphConfig(), args.rev);
    if (context.json) return context.outJson(result);
    context.out(formatShow(result));
  },
});
