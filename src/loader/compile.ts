/**
 * Loading a TypeScript file whose text the caller has read already (a
 * revision: read once for both its checksum and its code), without the
 * module resolution `require()` goes through for a path that is already
 * absolute (stat calls, realpath, package.json lookups: most of the cost of
 * loading a thousand small revision files). The module lands in require's
 * cache under its path, as require would put it there.
 */
import Module from "node:module";
import { lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { registerTypeScript } from "./register";
import { transpile } from "./transpile";
import { settingsFor } from "./tsconfig";

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

/** Files this path handles: TypeScript compiled to CommonJS by our hook (JavaScript goes through require). */
export function isCompiledByUs(file: string): boolean {
  return /\.(c|m)?tsx?$/.test(file);
}

/** `require(file)` for a TypeScript file given its text; `cacheDir` as registerTypeScript takes it. */
export function compileTypeScriptModule(path: string, source: string, cacheDir: string | null): unknown {
  // require keys its cache by the real path: so do we, or a file reached through a symlink would load twice
  const file = realPath(path);
  const known = statics._cache[file];
  if (known) return known.exports;
  // nested requires (helpers a revision imports) still go through the hook
  const cache = registerTypeScript(cacheDir);
  const code = transpile(source, file, cache, settingsFor(file).transpile);
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
