import type { Argv } from "yargs";
import type { GlobalArgs } from "../context";
import { defineCommand } from "../define";

/** Options upgrade and downgrade share. */
export function migrateOptions(yargs: Argv<GlobalArgs>, example: string) {
  return yargs
    .positional("target", { type: "string", demandOption: true, describe: example })
    .option("sql", { type: "boolean", default: false, describe: "print the SQL instead of running it (no connection); TARGET may be FROM:TO" })
    .option("dry-run", { type: "boolean", default: false, describe: "run inside a transaction that is rolled back, and report what ran" })
    .option("lock-timeout", { type: "number", describe: "ms to wait for another migrator's lock (default: the config's lockTimeout, else forever)" });
}

export const upgradeCommand = defineCommand({
  command: "upgrade <target>",
  describe: "apply revisions up to TARGET",
  builder: (yargs) => migrateOptions(yargs, "head, heads, REV, +N, LABEL@head, ..."),
  async run(args, context) {
    const [{ upgrade }, { formatMigrate }] = await Promise.all([import("../../commands/upgrade"), import("../format/upgrade")]);
    const result = await upgrade(await context.config(), {
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
