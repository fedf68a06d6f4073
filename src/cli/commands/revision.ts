import { defineCommand } from "../define";

export const revisionCommand = defineCommand({
  command: "revision",
  describe: "write a new revision file",
  builder: (yargs) =>
    yargs
      .option("message", { alias: "m", type: "string", demandOption: true, describe: "what the revision does" })
      .option("head", { type: "string", describe: "parent revision (default: the head; base for a new root)" })
      .option("splice", { type: "boolean", default: false, describe: "allow a parent that is not a head" })
      .option("branch-label", { type: "string", describe: "label for the branch this revision starts" })
      .option("depends-on", { type: "string", array: true, describe: "revisions or labels to apply first" })
      .option("rev-id", { type: "string", describe: "the revision id (default: 12 random hex characters)" })
      .option("version-path", { type: "string", describe: "one of the configured revision folders" }),
  async run(args, context) {
    const [{ revision }, { formatRevision }] = await Promise.all([
      import("../../commands/revision"),
      import("../format/revision"),
    ]);
    const result = revision(await context.config(), {
      message: args.message,
      head: args.head,
      splice: args.splice,
      branchLabel: args.branchLabel,
      dependsOn: args.dependsOn,
      revId: args.revId,
      versionPath: args.versionPath,
    });
    if (context.json) return context.outJson(result);
    context.out(formatRevision(result));
  },
});
