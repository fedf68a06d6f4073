import { migrateCommand } from "./migrate";

export const downgradeCommand = migrateCommand("down", {
  command: "downgrade <target>",
  describe: "revert revisions down to TARGET",
  target: "base, -N, REV, LABEL@base, ...; with --sql a range FROM:TO",
  examples: [
    ["downgrade -1", "revert the last revision applied"],
    ["downgrade base", "revert every revision"],
    ["downgrade head:-1 --sql > downgrade.sql", "the SQL of the last step down, without connecting"],
  ],
});
