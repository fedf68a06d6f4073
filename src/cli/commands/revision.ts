import { defineCommand } from "../define";
import { referenceConfig } from "../fleet";

export const revisionCommand = defineCommand({
  command: "revision",
  describe: "write a new revision file; with --autogenerate, filled from the diff of entities and database",
  examples: [
    ["revision --autogenerate -m \"add users\"", "a revision filled from the entities vs the database"],
    ["revision -m \"backfill emails\"", "an empty revision to write by hand"],
    ["revision --autogenerate -m \"rename mail\" --rename-column user.mail:email", "a rename instead of a drop and an add"],
  ],
  builder: (yargs) =>
    yargs
      // not demandOption: a missing -m and an empty one are then the same error (checkMessage's)
      .option("message", { alias: "m", type: "string", describe: "what the revision does (required)" })
      .option("autogenerate", { type: "boolean", default: false, describe: "fill upgrade/downgrade from the entities vs the database" })
      .option("allow-empty", { type: "boolean", default: false, describe: "with --autogenerate: write a revision even when nothing changed" })
      .option("rename-table", { type: "string", array: true, default: [] as string[], describe: "with --autogenerate: OLD:NEW, a rename instead of drop+create" })
      .option("rename-column", { type: "string", array: true, default: [] as string[], describe: "with --autogenerate: TABLE.OLD:NEW, a rename instead of drop+add" })
      .option("head", { type: "string", describe: "parent revision (default: the head; base for a new root)" })
      .option("splice", { type: "boolean", default: false, describe: "allow a parent that is not a head" })
      .option("branch-label", { type: "string", describe: "label for the branch this revision starts" })
      .option("depends-on", { type: "string", array: true, describe: "revisions or labels to apply first" })
      .option("rev-id", { type: "string", describe: "the revision id (default: 12 random hex characters)" })
      .option("sql-file", { alias: "sql", type: "boolean", default: false, describe: "write an .sql revision file (templates/revision.sql.hbs); with --autogenerate, the operations as SQL" })
      .option("version-path", { type: "string", describe: "one of the configured revision folders" }),
  async run(args, context) {
    const { checkMessage } = await import("../../revisions/naming");
    const common = {
      message: checkMessage(args.message ?? ""),
      head: args.head,
      splice: args.splice,
      branchLabel: args.branchLabel,
      dependsOn: args.dependsOn,
      revId: args.revId,
      versionPath: args.versionPath,
      sqlFile: args.sqlFile,
    };
    const { formatRevision, hookWarning } = await import("../format/revision");
    if (!args.autogenerate) {
      if (args.renameTable.length > 0 || args.renameColumn.length > 0 || args.allowEmpty) {
        const { UsageError } = await import("../../errors");
        throw new UsageError("--rename-table, --rename-column and --allow-empty go with --autogenerate");
      }
      const { revision } = await import("../../commands/revision");
      const result = revision(await context.graphConfig(), common);
      const failed = hookWarning(result);
      if (failed !== undefined) context.note(failed);
      if (context.json) return context.outJson(result);
      return context.out(formatRevision(result));
    }
    const { autogenerate, parseRenameFlags } = await import("../../commands/autogenerate");
    const renames = parseRenameFlags(args.renameTable, args.renameColumn);
    const result = await autogenerate(await referenceConfig(context), { ...common, allowEmpty: args.allowEmpty, renames });
    for (const warning of result.warnings) context.note(`warning: ${warning}`);
    for (const loss of result.destructive) context.note(`warning: destructive: ${loss}`);
    for (const risk of result.cautions) context.note(`warning: caution: ${risk}`);
    if (result.lint.length > 0) {
      const { formatLintNote } = await import("../format/lint");
      for (const found of result.lint) context.note(formatLintNote(found));
    }
    const failed = result.revision === null ? undefined : hookWarning(result.revision);
    if (failed !== undefined) context.note(failed);
    if (context.json) return context.outJson(result);
    if (!result.revision) return context.out("No changes detected");
    context.out(formatRevision(result.revision));
    if (result.onlineRevision !== undefined) {
      const failedOnline = hookWarning(result.onlineRevision);
      if (failedOnline !== undefined) context.note(failedOnline);
      context.out(formatRevision(result.onlineRevision));
    }
  },
});
