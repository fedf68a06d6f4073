/**
 * NODE 20 ONLY (see hook.ts): delete with this folder when Node 20 support is dropped.
 *
 * One CommonJS module compiled through vm.Script, with bytecode from the
 * cache when there is some, and run the way Node's loader runs it.
 */
import Module from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";

export interface CompiledScript {
  readonly filename: string;
  readonly hash: string;
  /** Whether V8 took the cached bytecode. */
  readonly fromCache: boolean;
  /** The module's bytecode now, with every function compiled so far; null if V8 will not give it. */
  bytecode(): Buffer | null;
}

interface LoadingModule {
  exports: unknown;
  require(id: string): unknown;
}

interface ModuleStatics {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: unknown): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

type Wrapper = (this: unknown, exports: unknown, require: unknown, module: unknown, filename: string, dirname: string) => unknown;

/**
 * Sources that may call import(): on Node 20 a function restored from cached
 * bytecode loses the script's dynamic-import callback (ERR_VM_DYNAMIC_IMPORT_
 * CALLBACK_MISSING), so these few (typeorm's ImportUtils, pg-cloudflare) are
 * left to Node. A mention in a comment or string only costs the cache entry.
 */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/**
 * Compiles `content` as Node would wrap it. Returns undefined when the module
 * is better left to Node: it may use import(), or V8 refuses the source (a
 * syntax error, which Node then reports exactly as usual).
 */
export function compileWithCache(
  module: unknown,
  content: string,
  filename: string,
  hash: string,
  cachedData: Buffer | undefined,
): { script: CompiledScript; run: () => unknown } | undefined {
  if (DYNAMIC_IMPORT.test(content)) return undefined;
  let script: vm.Script;
  try {
    script = new vm.Script(Module.wrap(withoutHashbang(content)), { filename, cachedData });
  } catch {
    return undefined;
  }
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const compiled: CompiledScript = {
    filename,
    hash,
    fromCache,
    bytecode: () => {
      try {
        return script.createCachedData();
      } catch {
        return null;
      }
    },
  };
  const run = (): unknown => {
    const target = module as LoadingModule;
    const wrapper = script.runInThisContext({ displayErrors: true }) as Wrapper;
    return wrapper.call(target.exports, target.exports, requireFor(target), target, filename, dirname(filename));
  };
  return { script: compiled, run };
}

/** `#!` is valid only at the very start of a script; inside the wrapper it becomes a comment of the same length. */
function withoutHashbang(content: string): string {
  return content.startsWith("#!") ? `//${content.slice(2)}` : content;
}

/**
 * The process's entry module, which Node's loader gives every require as
 * `require.main` (read from our own; `process.mainModule` is its deprecated
 * spelling).
 */
const entryModule = require.main;

/** The `require` Node gives a module: bound to it, with resolve, resolve.paths, main, extensions and cache. */
function requireFor(module: LoadingModule): NodeJS.Require {
  const statics = Module as unknown as ModuleStatics;
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    statics._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => statics._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = entryModule;
  require.extensions = statics._extensions as NodeJS.RequireExtensions;
  require.cache = statics._cache as NodeJS.Dict<NodeModule>;
  return require;
}
