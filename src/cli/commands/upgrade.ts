import { migrateCommand } from "./migrate";

export const upgradeCommand = migrateCommand("up", {
  command: "upgrade <target>",
  describe: "apply revisions up to TARGET",
  target: "head, heads, REV, +N, LABEL@head, ...",
});
