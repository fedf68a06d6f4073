import { defineCommand } from "../define";
import { isFleetRun, refuseStrayFleetOptions, runAcross, withFleetOptions } from "../fleet";

export const stampCommand = defineCommand({
  command: "stamp <targets..>",
  describe: "set the version table to TARGET without running any revision",
  examples: [
    ["stamp head", "record the database as up to date without running anything"],
    ["stamp base --purge", "empty the version table"],
  ],
  builder: (yargs) =>
    withFleetOptions(yargs)
      .positional("targets", { type: "string", array: true, demandOption: true, describe: "head, REV, base, ...; with --sql FROM:TO" })
      .option("purge", { type: "boolean", default: false, describe: "empty the version table first" })
      .option("sql", { type: "boolean", default: false, describe: "print the SQL instead of running it" })
      .option("lock-timeout", { type: "number", describe: "ms to wait for another migrator's lock" }),
  async run(args, context) {
    if (isFleetRun(args)) {
      const task = (await import("../../fleet/tasks")).stampTask({ targets: args.targets.map(String), purge: args.purge, lockTimeout: args.lockTimeout });
      return runAcross(args, context, `stamp ${args.targets.join(" ")}`, task, { revisions: true, sql: args.sql });
    }
    refuseStrayFleetOptions(args);
    const [{ stamp }, { formatStamp }] = await Promise.all([import("../../commands/stamp"), import("../format/stamp")]);
    const result = await stamp(await (args.sql ? context.config() : context.configWithDatabase()), {
      targets: args.targets.map(String),
      purge: args.purge,
      sql: args.sql,
      lockTimeout: args.lockTimeout,
      notify: (line) => context.note(line),
    });
    if (context.json) return context.outJson(result);
    context.out(formatStamp(result));
  },
});
