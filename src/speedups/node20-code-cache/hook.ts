/**
 * NODE 20 ONLY: delete this folder (and its call in ../code-cache.ts) when
 * Node 20 support is dropped; Node 22 has `module.enableCompileCache()`.
 *
 * Node 20 compiles every CommonJS module from source on each start: at 300
 * entities, `check` spent about a third of its time compiling (typeorm's
 * ~500 modules, the entity files, our own, yargs, pg). This hook on Node's
 * module loader (Module.prototype._compile, Module._resolveFilename) does
 * the job Node 22's compile cache does.
 *
 * Each module's bytecode is taken when the process exits, so it holds every
 * function that ran, not only the top level (which is all a cache taken at
 * compile time has; that version saved almost nothing here). One blob per
 * working directory and command keeps each command's set of modules
 * together; a module's bytecode is used only when a hash of its source
 * matches, since V8 itself checks no more than the source's length, and only
 * when a hash of the whole file matches the one written with it (V8 runs
 * damaged bytecode: a flipped bit crashed runs or changed their output;
 * blob.ts). The same file keeps how requires made inside packages resolved
 * (resolutions.ts). A damaged file counts as not cached, so the run rewrites
 * it. Anything that goes wrong with it falls back to Node's own compilation.
 */
import { createHash, hash as oneShotHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { writeAtomically } from "../../cache-files/write-atomically";
import { commandWord } from "../command-word";
import { readBlob, writeBlob, type CachedModule } from "./blob";
import { compileWithCache, type CompiledScript } from "./compile";
import { Resolutions } from "./resolutions";

export interface MutableStats {
  enabled: boolean;
  hits: number;
  misses: number;
  resolved: number;
  file: string | null;
}

interface NodeModuleInternals {
  prototype: { _compile(this: unknown, content: string, filename: string): unknown };
  _resolveFilename(this: unknown, request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  isBuiltin(request: string): boolean;
  _cache: Record<string, unknown>;
}

/**
 * Installs the hook: `argv` is the CLI's arguments (the command names the
 * blob), `dir` the cache folder; `stats` is kept up to date.
 */
export function installNode20CodeCache(argv: readonly string[], dir: string, options: { cwd?: string; deferFirstWrite?: boolean }, stats: MutableStats): void {
  const Module = require("node:module") as NodeModuleInternals;
  const command = commandWord(argv);
  const key = createHash("sha1").update(`${options.cwd ?? process.cwd()}\0${command}`).digest("hex").slice(0, 20);
  const file = join(dir, `${process.versions.v8}-${process.arch}`, `${key}.bin`);
  if (options.deferFirstWrite && !existsSync(file)) {
    const mark = `${file}.seen`;
    if (!existsSync(mark)) {
      // nothing installed: this run compiles as plain Node does, and only says it was here
      Object.assign(stats, { enabled: true, file });
      process.once("exit", () => void writeAtomically(mark, ""));
      return;
    }
  }
  const blob = readBlob(file);
  const stored = blob.modules;
  const resolutions = Resolutions.from(blob.extra, join(__dirname, "..", "..") + sep); // migrator's own dist/ or src/
  const compiled: CompiledScript[] = [];
  Object.assign(stats, { enabled: true, file });
  const original = Module.prototype._compile;
  Module.prototype._compile = function compileCached(this: unknown, content: string, filename: string): unknown {
    const hash = sourceHash(content);
    const entry = stored.get(filename);
    const result = compileWithCache(this, content, filename, hash, entry?.hash === hash ? entry.data : undefined);
    if (result === undefined) return original.call(this, content, filename);
    compiled.push(result.script);
    if (result.script.fromCache) stats.hits++;
    else stats.misses++;
    return result.run();
  };
  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function resolveCached(this: unknown, request: string, parent: unknown, isMain: boolean, options?: unknown): string {
    const parentFile = (parent as { filename?: unknown } | null | undefined)?.filename;
    if (options !== undefined || typeof parentFile !== "string" || !resolutions.covers(parentFile) || Module.isBuiltin(request)) {
      return originalResolve.call(this, request, parent, isMain, options);
    }
    const parentDir = dirname(parentFile);
    const known = resolutions.lookup(parentDir, request, (file) => Module._cache[file] !== undefined);
    if (known !== undefined) {
      stats.resolved++;
      return known;
    }
    const answer = originalResolve.call(this, request, parent, isMain, options);
    resolutions.learn(parentDir, request, answer);
    return answer;
  };
  process.once("exit", () => {
    // A run that compiled and resolved nothing new leaves the blob as it is.
    if (stats.misses === 0 && !resolutions.grew) return;
    const modules: CachedModule[] = [];
    for (const script of compiled) {
      const data = script.bytecode();
      if (data) modules.push({ filename: script.filename, hash: script.hash, data });
    }
    writeBlob(file, modules, resolutions.toStored());
  });
}

/** crypto.hash, not createHash: no Hash object per module (~800 of them), 4 MB of source in ~60% of the time. */
function sourceHash(content: string): string {
  return oneShotHash("sha256", content, "base64");
}
