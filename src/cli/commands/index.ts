import type { CliCommand } from "../define";
import { branchesCommand } from "./branches";
import { checkCommand } from "./check";
import { currentCommand } from "./current";
import { downgradeCommand } from "./downgrade";
import { headsCommand } from "./heads";
import { historyCommand } from "./history";
import { initCommand } from "./init";
import { lintCommand } from "./lint";
import { logCommand } from "./log";
import { mergeCommand } from "./merge";
import { revisionCommand } from "./revision";
import { showCommand } from "./show";
import { stampCommand } from "./stamp";
import { statusCommand } from "./status";
import { upgradeCommand } from "./upgrade";
import { validateCommand } from "./validate";

/** Every CLI command, in the order `migrator --help` lists them. */
export const commands: readonly CliCommand[] = [
  initCommand,
  revisionCommand,
  historyCommand,
  headsCommand,
  branchesCommand,
  showCommand,
  mergeCommand,
  checkCommand,
  lintCommand,
  upgradeCommand,
  downgradeCommand,
  currentCommand,
  stampCommand,
  statusCommand,
  validateCommand,
  logCommand,
];
