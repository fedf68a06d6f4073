import { existsSync, readFileSync } from "node:fs";
import Module from "node:module";
import { dirname, resolve, sep } from "node:path";
import { importChain, markLoadSite } from "./load-errors";
import { createCache, transpile, type TranspileCache } from "./transpile";
import { settingsFor } from "./tsconfig";
import { resolutionMemo } from "../speedups/resolution-memo";

/**
 * A require hook for TypeScript user files: migrator.config.ts, entities and
 * revisions. It also lets `import ... from "./x.js"` find `./x.ts` (the
 * ESM-style spelling TypeScript projects use) and maps our package name to
 * this running package, so config and revision files need no install of it.
 * typeorm and reflect-metadata resolve from the user's project first, so the
 * decorators in their entities and our metadata builder share one storage.
 */
interface ModuleInternals {
  _extensions: Record<string, (module: CompiledModule, filename: string) => void>;
  _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
}
interface CompiledModule {
  readonly filename?: string;
  readonly parent?: CompiledModule | null;
  _compile(code: string, filename: string): void;
}

const TS_EXTENSIONS = [".ts", ".cts", ".mts", ".tsx"];
const internals = Module as unknown as ModuleInternals;
/** The cache of the project being loaded: the last one registered (commands run in one process one after another). */
let cache: TranspileCache | undefined;
const caches = new Map<string | null, TranspileCache>();

/** Our own entry (dist/index.js or src/index.ts), for `require("typeorm-migrator")`. */
const selfEntry = resolve(__dirname, "..", existsSync(resolve(__dirname, "../index.js")) ? "index.js" : "index.ts");
/**
 * The package's name, and "migrator", its name before the npm package was
 * renamed: configs and revision files written before then import from it.
 */
const SELF_NAMES = new Set(["typeorm-migrator", "migrator"]);

export function registerTypeScript(cacheDir: string | null): TranspileCache {
  const known = caches.get(cacheDir);
  if (known) return (cache = known);
  const installed = cache !== undefined;
  cache = createCache(cacheDir);
  caches.set(cacheDir, cache);
  if (!installed) installHooks();
  return cache;
}

function installHooks(): void {
  for (const extension of TS_EXTENSIONS) {
    internals._extensions[extension] = (module, filename) => {
      try {
        const code = transpile(readFileSync(filename, "utf8"), filename, cache as TranspileCache, settingsFor(filename).transpile);
        module._compile(code, filename);
      } catch (error) {
        markLoadSite(error, { file: filename, chain: importChain(module) });
        throw error;
      }
    };
  }
  const originalResolve = internals._resolveFilename;
  const packages = resolutionMemo();
  internals._resolveFilename = function resolveWithTs(request, parent, isMain, options) {
    if (SELF_NAMES.has(request)) return selfEntry;
    const parentModule = parent as CompiledModule | undefined;
    const parentFile = parentModule?.filename;
    // the helpers our swc output calls are ours, whatever copy (or none) the project has
    if (request.startsWith(SWC_HELPERS) && parentFile !== undefined && TS_EXTENSIONS.some((extension) => parentFile.endsWith(extension))) {
      return ownHelper(request, (options) => originalResolve.call(this, request, parent, isMain, options));
    }
    const key = options === undefined && parentFile && isBareSpecifier(request) ? `${dirname(parentFile)}\0${request}` : undefined;
    const known = key === undefined ? undefined : packages.get(key);
    if (known !== undefined) return known;
    const aliased = key !== undefined && parentFile ? resolveAlias(request, parentFile, (path) => originalResolve.call(this, path, parent, isMain)) : null;
    if (aliased !== null) {
      packages.set(key as string, aliased);
      return aliased;
    }
    try {
      const resolved = originalResolve.call(this, request, parent, isMain, options);
      if (key !== undefined) packages.set(key, resolved);
      return resolved;
    } catch (error) {
      if (parentFile && /^\.{1,2}\//.test(request) && /\.(c|m)?js$/.test(request)) {
        const base = resolve(dirname(parentFile), request).replace(/\.(c|m)?js$/, "");
        for (const extension of TS_EXTENSIONS) {
          if (existsSync(base + extension)) return base + extension;
        }
      }
      // A project that runs migrator through npx may lack these: lend ours. Resolved
      // from here by the original resolver: through this hook, a specifier no copy
      // has (typeorm/package.json, outside typeorm's exports) came back here forever.
      if (/^(typeorm|reflect-metadata)(\/|$)/.test(request)) {
        const lent = tryResolve(() => originalResolve.call(this, request, parent, isMain, { paths: [__dirname] }));
        if (lent !== undefined) return lent;
      }
      if (parentFile) markLoadSite(error, { file: parentFile, specifier: request, chain: importChain(parentModule) });
      throw error;
    }
  };
}

/** How swc's output with externalHelpers names a helper (`@swc/helpers/_/_ts_decorate`). */
const SWC_HELPERS = "@swc/helpers/_/";
const ownHelpers = new Map<string, string>();

/**
 * `@swc/helpers/_/_ts_decorate` as installed with migrator (resolved once
 * per name): its CommonJS build, which every Node loads alike (the package's
 * exports would hand Node 20.19+ its ES module build through require(esm)).
 */
function ownHelper(request: string, resolveWith: (options: { paths: string[] }) => string): string {
  let resolved = ownHelpers.get(request);
  if (resolved === undefined) {
    const name = /^@swc\/helpers\/_\/(_\w+)$/.exec(request)?.[1];
    helpersRoot ??= dirname(require.resolve("@swc/helpers/package.json", { paths: [__dirname] }));
    const commonJs = name === undefined ? undefined : resolve(helpersRoot, "cjs", `${name}.cjs`);
    resolved = commonJs !== undefined && existsSync(commonJs) ? commonJs : resolveWith({ paths: [__dirname] });
    ownHelpers.set(request, resolved);
  }
  return resolved;
}

/** The @swc/helpers package folder migrator resolves. */
let helpersRoot: string | undefined;

/**
 * A bare specifier through the `paths`/`baseUrl` of the importing file's
 * tsconfig.json (`@common/base`), tried before node_modules as TypeScript
 * does; null when no alias applies or none of its candidates exists.
 * Packages' own imports are never aliased.
 */
function resolveAlias(request: string, parentFile: string, resolvePath: (path: string) => string): string | null {
  if (parentFile.includes(`${sep}node_modules${sep}`)) return null;
  const match = settingsFor(parentFile).matchPaths;
  if (!match) return null;
  for (const candidate of match(request)) {
    for (const path of [candidate, candidate.replace(/\.(c|m)?js$/, "")]) {
      try {
        return resolvePath(path);
      } catch {
        // not this candidate
      }
    }
  }
  return null;
}

function tryResolve(resolveIt: () => string): string | undefined {
  try {
    return resolveIt();
  } catch {
    return undefined;
  }
}

/** `typeorm`, `@scope/pkg/sub`: neither relative, absolute, nor a builtin. */
function isBareSpecifier(request: string): boolean {
  return !/^(\.{1,2}(\/|$)|\/|[A-Za-z]:[\\/]|node:)/.test(request) && !Module.isBuiltin(request);
}
