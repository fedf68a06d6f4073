import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/** MIGRATOR_CODE_CACHE=off (0, false, no): nothing is kept in the user's cache folder, neither bytecode nor the config's sealing key. */
export function userCacheOff(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env.MIGRATOR_CODE_CACHE;
  return setting !== undefined && /^(0|off|false|no)$/i.test(setting);
}

/**
 * migrator's folder in the user's cache (`$XDG_CACHE_HOME/migrator`, else
 * `~/.cache/migrator`): what belongs to the user rather than to a project.
 * Null without an absolute home (a bare container): callers then keep
 * nothing rather than write into the working directory.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, "migrator");
  let home: string;
  try {
    home = homedir();
  } catch {
    return null;
  }
  return isAbsolute(home) ? join(home, ".cache", "migrator") : null;
}
