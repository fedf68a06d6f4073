import type { CliCommand } from "../define";
import { initCommand } from "./init";

/** Every CLI command, in the order `migrator --help` lists them. */
export const commands: readonly CliCommand[] = [initCommand];
