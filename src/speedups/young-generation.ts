/**
 * A cold `check` of a few hundred entities allocates a few tens of MB that
 * mostly survive (modules, TypeORM's metadata, both models). V8 starts the
 * young generation at 1 MB and doubles it as it fills, so the run went
 * through 15 scavenges, each copying the survivors again. Growing it
 * sixteenfold instead reaches V8's usual maximum after two steps: 8
 * scavenges. The maximum itself (and so peak memory) is unchanged.
 *
 * Reaches into V8's flags at run time (`v8.setFlagsFromString`); this one
 * is read each time the young generation grows. The CLI's entry sets it.
 */
import { speedupsOn } from "./switch";

export function growYoungGenerationFaster(env: NodeJS.ProcessEnv = process.env): void {
  if (!speedupsOn(env)) return;
  // loaded here, not on import: node:v8 pulls in streams, a few ms for commands that never call this
  const { setFlagsFromString } = require("node:v8") as typeof import("node:v8");
  setFlagsFromString("--semi-space-growth-factor=16");
}
