/**
 * Three packages TypeORM requires at the top of modules that reading
 * entities runs, and calls only from functions that reading entities never
 * calls: tinyglobby (with fdir and picomatch, 92 KB: globs of entity paths;
 * migrator hands TypeORM classes), @sqltools/formatter (14 modules, 59 KB)
 * and sql-highlight (formatting and colouring logged SQL). Compiling them
 * was ~15 ms of a cold `check`. A proven TypeORM's modules get, for these
 * requires, an object that loads the package the first time anything is
 * asked of it, and answers everything from the package from then on.
 *
 * TypeORM reads them only as `binding.name` (test/unit/speedups/
 * typeorm-lazy-packages.test.ts checks every require of them in the
 * installed TypeORM), so the stand-in is seen only through property reads.
 * Anyone else requiring these packages gets them as Node loads them.
 */
import Module from "node:module";
import { provenFolder } from "./typeorm-lazy-modules";
import { speedupsOn } from "./switch";

type Load = (this: unknown, request: string, parent: unknown, isMain: boolean) => unknown;

const statics = Module as unknown as { _load: Load };

export const DEFERRED_PACKAGES: ReadonlySet<string> = new Set(["tinyglobby", "@sqltools/formatter", "sql-highlight"]);

/** A stand-in for a module's exports that loads it on first use, then forwards every question to it. */
export function loadedOnFirstUse(load: () => unknown): object {
  let real: object | undefined;
  const target = (): object => (real ??= Object(load()) as object);
  return new Proxy(Object.create(null) as object, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // a proxy may not report a property its (empty) target lacks as non-configurable
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}

let installed = false;

/** From now on, a proven TypeORM's requires of DEFERRED_PACKAGES load the package when first used (CLI only). */
export function installLazyTypeormPackages(env: NodeJS.ProcessEnv = process.env): void {
  if (installed || !speedupsOn(env)) return;
  installed = true;
  const original = statics._load;
  statics._load = function loadLazily(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if (DEFERRED_PACKAGES.has(request)) {
      const parentFile = (parent as { filename?: unknown } | null | undefined)?.filename;
      if (typeof parentFile === "string" && provenFolder(parentFile)) {
        return loadedOnFirstUse(() => original.call(this, request, parent, isMain));
      }
    }
    return original.call(this, request, parent, isMain);
  };
}
