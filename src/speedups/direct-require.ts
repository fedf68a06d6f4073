/**
 * `require(file)` for a file whose code the caller makes (a TypeScript entity
 * or revision, compiled by the loader), without the module resolution
 * `require()` goes through for a path that is already absolute (stat calls,
 * realpath, package.json lookups, a throwaway module from createRequire):
 * most of the cost of loading a thousand small revision files, a fifth of
 * loading a cached entity. The module lands in require's cache under its
 * real path, as require would put it there. Reaches into Node's module
 * internals (Module._cache, Module._nodeModulePaths, module._compile); the
 * plain path is require itself (src/loader).
 */
import Module from "node:module";
import { lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";

interface CompilableModule {
  filename: string;
  paths: string[];
  loaded: boolean;
  exports: unknown;
  _compile(code: string, filename: string): void;
}

interface ModuleStatics {
  _cache: Record<string, CompilableModule | undefined>;
  _nodeModulePaths(from: string): string[];
  new (id: string, parent?: unknown): CompilableModule;
}

const statics = Module as unknown as ModuleStatics;

/** Folders' real paths: realpath(3) reads every component's link (~8 syscalls a file, for hundreds of files in one folder). */
const realFolders = new Map<string, string>();

/** The file's real path: its folder's, and its own link when it is one. */
function realPath(path: string): string {
  if (lstatSync(path).isSymbolicLink()) return realpathSync.native(path);
  const dir = dirname(path);
  let real = realFolders.get(dir);
  if (real === undefined) realFolders.set(dir, (real = realpathSync.native(dir)));
  return join(real, basename(path));
}

/** Folders' node_modules lookup lists: a few hundred entity or revision files share one or two folders. */
const lookupPaths = new Map<string, readonly string[]>();

function nodeModulePaths(dir: string): string[] {
  let paths = lookupPaths.get(dir);
  if (paths === undefined) lookupPaths.set(dir, (paths = statics._nodeModulePaths(dir)));
  // each module its own copy, as Node gives it (a program may push to module.paths)
  return [...paths];
}

/** The exports of `path`, run from `codeFor(realPath)` unless require's cache holds it already. */
export function requireDirectly(path: string, codeFor: (realPath: string) => string): unknown {
  // require keys its cache by the real path: so do we, or a file reached through a symlink would load twice
  const file = realPath(path);
  const known = statics._cache[file];
  if (known) return known.exports;
  const code = codeFor(file);
  const module = new statics(file);
  module.filename = file;
  module.paths = nodeModulePaths(dirname(file));
  statics._cache[file] = module;
  try {
    module._compile(code, file);
  } catch (error) {
    delete statics._cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
