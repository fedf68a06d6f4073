/**
 * Node caches no resolution that went through a package's `exports` map
 * (typeorm's): every entity's `require("typeorm")` would walk it again. The
 * loader's resolve hook keeps its answers for bare specifiers here, per
 * requiring folder. With speed-ups off (read when the hook is installed)
 * nothing is kept and every require resolves anew.
 */
import { speedupsOn } from "./switch";

export interface ResolutionMemo {
  get(key: string): string | undefined;
  set(key: string, resolved: string): void;
}

const NOTHING_KEPT: ResolutionMemo = { get: () => undefined, set: () => undefined };

export function resolutionMemo(): ResolutionMemo {
  return speedupsOn() ? new Map<string, string>() : NOTHING_KEPT;
}
