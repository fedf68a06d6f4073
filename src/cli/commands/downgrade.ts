import { migrateCommand } from "./migrate";

export const downgradeCommand = migrateCommand("down", {
  command: "downgrade <target>",
  describe: "revert revisions down to TARGET",
  target: "base, -N, REV, LABEL@base, ...; with --sql a range FROM:TO",
});
