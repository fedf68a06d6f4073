/**
 * A V8 code cache for the CLI process: Node's own compile cache where it has
 * one (Node 22's `module.enableCompileCache()`), else our Node 20 hook
 * (node20-code-cache/). Only the CLI's entry installs it:
 * `require("typeorm-migrator")` never patches the module system of the
 * program that loads it.
 */
import { join, isAbsolute } from "node:path";
import { userCacheDir, userCacheOff } from "../cache-files/user-cache-dir";
import { installNode20CodeCache, type MutableStats } from "./node20-code-cache/hook";
import { speedupsOn } from "./switch";

export interface CodeCacheOptions {
  /** Folder of the blobs; default `$MIGRATOR_CODE_CACHE` or ~/.cache/migrator/code-cache. */
  readonly dir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /**
   * The first run of a command in a folder leaves only a mark, and the next
   * run writes the bytecode: taking and writing it costs ~100 ms at exit,
   * wasted on the one-off run of a fresh clone (every CI job). The CLI sets it.
   */
  readonly deferFirstWrite?: boolean;
}

export interface CodeCacheStats {
  readonly enabled: boolean;
  /** Modules whose bytecode came from the cache. */
  readonly hits: number;
  /** Modules compiled from source (not cached, source changed, or bytecode rejected by V8). */
  readonly misses: number;
  /** Requires answered from kept resolutions. */
  readonly resolved: number;
  readonly file: string | null;
}

/** This process's counts, kept up to date by the hooks. */
const stats: MutableStats = { enabled: false, hits: 0, misses: 0, resolved: 0, file: null };

export function codeCacheStats(): CodeCacheStats {
  return { ...stats };
}

/** `argv` is the CLI's arguments: the command names the blob. */
export function installCodeCache(argv: readonly string[], options: CodeCacheOptions = {}): void {
  const env = options.env ?? process.env;
  if (stats.enabled || !speedupsOn(env) || userCacheOff(env)) return;
  // Node maps stack traces through source maps it registers in its own compile step: leave that to it
  if (process.sourceMapsEnabled) return;
  const setting = env.MIGRATOR_CODE_CACHE;
  const dir = options.dir ?? (setting ? setting : defaultDir(env));
  // no home to keep it in (a bare container): go without, rather than write into the working directory
  if (!isAbsolute(dir)) return;
  const Module = require("node:module") as { enableCompileCache?: (dir?: string) => unknown };
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(join(dir, "node"));
    stats.enabled = true;
    return;
  }
  installNode20CodeCache(argv, dir, { cwd: options.cwd, deferFirstWrite: options.deferFirstWrite }, stats);
}

/** "" (not absolute: no cache) without a home. */
function defaultDir(env: NodeJS.ProcessEnv): string {
  const base = userCacheDir(env);
  return base === null ? "" : join(base, "code-cache");
}
