import type { Argv } from "yargs";
import type { GlobalArgs } from "../context";
import { defineCommand, type CliCommand, type Example } from "../define";
import { isFleetRun, refuseStrayFleetOptions, runAcross, withFleetOptions } from "../fleet";

/** upgrade and downgrade: the same options and output, one direction each. */
export function migrateCommand(direction: "up" | "down", spec: { command: string; describe: string; target: string; examples: readonly Example[] }): CliCommand {
  return defineCommand({
    command: spec.command,
    describe: spec.describe,
    examples: spec.examples,
    builder: (yargs: Argv<GlobalArgs>) =>
      withFleetOptions(yargs)
        .positional("target", { type: "string", demandOption: true, describe: spec.target })
        .option("sql", { type: "boolean", default: false, describe: "print the SQL instead of running it (no connection); TARGET may be FROM:TO" })
        .option("dry-run", { type: "boolean", default: false, describe: "run inside a transaction that is rolled back, and report what ran" })
        .option("lock-timeout", { type: "number", describe: "ms to wait for another migrator's lock (default: the config's lockTimeout, else forever)" }),
    async run(args, context) {
      if (isFleetRun(args)) {
        const { migrateTask } = await import("../../fleet/tasks");
        const verb = direction === "up" ? "upgrade" : "downgrade";
        const task = migrateTask(direction, { target: args.target, dryRun: args.dryRun, lockTimeout: args.lockTimeout });
        return runAcross(args, context, `${verb} ${args.target}`, task, { revisions: true, sql: args.sql });
      }
      refuseStrayFleetOptions(args);
      const run = direction === "up" ? (await import("../../commands/upgrade")).upgrade : (await import("../../commands/downgrade")).downgrade;
      const { formatMigrate } = await import("../format/upgrade");
      // --sql prints the script without connecting
      const result = await run(await (args.sql ? context.config() : context.configWithDatabase()), {
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
}
