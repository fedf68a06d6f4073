import { defineCommand } from "../define";

export const initCommand = defineCommand({
  command: "init [directory]",
  describe: "scaffold migrator.config.ts, migrations/, templates/ and an example entity",
  examples: [
    ["init", "scaffold migrator.config.ts, entities/, migrations/ and templates/ here"],
    ["init app --force", "the same in ./app, overwriting what is there"],
  ],
  builder: (yargs) =>
    yargs
      .positional("directory", { type: "string", default: ".", describe: "project folder" })
      .option("force", { type: "boolean", default: false, describe: "overwrite existing files" }),
  async run(args, context) {
    const { init } = await import("../../commands/init");
    const result = init({ directory: args.directory ?? ".", cwd: context.io.cwd, force: args.force });
    if (context.json) return context.outJson(result);
    context.out(result.written.map((path) => `wrote ${path}`).join("\n"));
    context.note("next: define your entities, then run `migrator revision --autogenerate -m \"initial\"`");
  },
});
