import { migrateCommand } from "./migrate";

export const upgradeCommand = migrateCommand("up", {
  command: "upgrade <target>",
  describe: "apply revisions up to TARGET",
  target: "head, heads, REV, +N, LABEL@head, ...",
  examples: [
    ["upgrade head", "apply every pending revision"],
    ["upgrade +1", "apply the next revision only"],
    ["upgrade head --sql > upgrade.sql", "the SQL instead, for psql, without connecting"],
  ],
});
