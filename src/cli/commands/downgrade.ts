import { defineCommand } from "../define";
import { migrateOptions } from "./upgrade";

export const downgradeCommand = defineCommand({
  command: "downgrade <target>",
  describe: "revert revisions down to TARGET",
  builder: (yargs) => migrateOptions(yargs, "base, -N, REV, LABEL@base, ...; with --sql a range FROM:TO"),
  async run(args, context) {
    const [{ downgrade }, { formatMigrate }] = await Promise.all([import("../../commands/downgrade"), import("../format/upgrade")]);
    const result = await downgrade(await context.config(), {
      target: args.target,
      sql: args.sql,
      dryRun: args.dryRun,
      lockTimeout: args.lockTimeout,
      notify: (line) => context.note(line),
    });
    if (context.json) context.outJson(result);
    else context.out(formatMigrate(result));
    return result.mode === "dry-run" && result.error !== undefined ? 1 : 0;
  },
});
