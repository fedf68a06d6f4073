/**
 * V8 settings for the commands that load entities (`check`, `revision`):
 * young-generation.ts and tiering.ts. Others (`heads`, `history`, `--help`,
 * `upgrade`...) keep V8's defaults: the quick ones end in about 100 ms,
 * before the settings pay back, and loading `node:v8` (with the streams it
 * pulls in) cost them a few ms.
 *
 * Set at the CLI's entry, before anything compiles: V8 checks its flags
 * against those a code cache was taken under, so the settings must be the
 * same from a command's first module to its exit, run after run (decided
 * from the command name alone, which also names the code cache's blob).
 * A program using the API never gets them (they are process-wide).
 */
import { commandWord } from "./command-word";
import { speedupsOn } from "./switch";
import { growYoungGenerationFaster } from "./young-generation";
import { optimiseOnlyWhatStaysHot } from "./tiering";

const LOADS_ENTITIES = new Set(["check", "revision"]);

/** `argv`: the CLI's arguments; its first word that is no option names the command (as for the code cache). */
export function tuneForCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  if (!LOADS_ENTITIES.has(commandWord(argv)) || !speedupsOn(env)) return;
  growYoungGenerationFaster(env);
  optimiseOnlyWhatStaysHot(env);
}
