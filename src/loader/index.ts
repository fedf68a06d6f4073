import { createRequire } from "node:module";
import { join } from "node:path";
import { registerTypeScript } from "./register";

export { registerTypeScript, transpileStats } from "./register";

/** Where transpiled output is cached for a project. */
export function cacheDirFor(root: string): string {
  return join(root, ".migrator", "cache", "ts");
}

/** require() a user file (TypeScript or JavaScript) with the TypeScript hook installed. */
export function loadUserModule(file: string, root: string): unknown {
  registerTypeScript(process.env.MIGRATOR_NO_CACHE ? null : cacheDirFor(root));
  return createRequire(file)(file);
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
