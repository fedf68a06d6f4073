import { createRequire } from "node:module";
import { join } from "node:path";
import { compileTypeScriptModule, isCompiledByUs } from "./compile";
import { registerTypeScript } from "./register";
import type { TranspileCache } from "./transpile";

export { registerTypeScript } from "./register";
export { isCompiledByUs } from "./compile";

/** Where transpiled output is cached for a project. */
export function cacheDirFor(root: string): string {
  return join(root, ".migrator", "cache", "ts");
}

/** The project's transpile cache, made the active one (none with MIGRATOR_NO_CACHE). */
export function useProjectCache(root: string): TranspileCache {
  return registerTypeScript(process.env.MIGRATOR_NO_CACHE ? null : cacheDirFor(root));
}

/** require() a user file (TypeScript or JavaScript) with the TypeScript hook installed. */
export function loadUserModule(file: string, root: string, options: { fresh?: boolean } = {}): unknown {
  useProjectCache(root);
  const load = createRequire(file);
  // A config is read anew each time (it may have changed); entities never are,
  // since TypeORM's decorators register each class once per load.
  if (options.fresh) delete load.cache[load.resolve(file)];
  return load(file);
}

/**
 * A user file whose text the caller read already: TypeScript is compiled
 * straight from it (no second read, no module resolution); anything else is
 * required as usual.
 */
export function loadUserModuleFromSource(file: string, source: string, root: string): unknown {
  if (!isCompiledByUs(file)) return loadUserModule(file, root);
  return compileTypeScriptModule(file, source, useProjectCache(root).dir);
}

/**
 * A package as the user's project resolves it (typeorm above all: the
 * decorators in their entities and our metadata builder must share one
 * metadata storage). Falls back to our own copy when the project has none.
 */
export function requireFromProject<T>(name: string, root: string): T {
  try {
    return createRequire(join(root, "package.json"))(name) as T;
  } catch {
    return require(name) as T;
  }
}
