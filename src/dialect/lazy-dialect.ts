/**
 * A Dialect whose parts load when one of them is first read. Each database
 * folder gathers its six parts in its `parts.ts`, which registers them here
 * as it runs; the Dialect object of the folder (`dialect.ts`) holds only its
 * name and TypeORM type and reads the parts from here, requiring `parts.ts`
 * the first time they are not registered yet. So a PostgreSQL run never
 * compiles MySQL's ~50 modules, nor a MySQL run PostgreSQL's.
 *
 * Why a registry and not only the require: the tests run the TypeScript
 * sources under vitest, where a synchronous require of a .ts file fails;
 * a vitest setup file (test/helpers/setup-dialect-parts.ts) imports both
 * `parts.ts` first, and the require runs only in dist/ (or under a .ts hook).
 */
import type { Dialect } from "./dialect";
import type { TypeormDriverType } from "../model/dialect-types";

/** What a folder's `parts.ts` gathers: everything of a Dialect but its name and TypeORM type. */
export type DialectParts = Omit<Dialect, "name" | "typeormType">;

export interface LazyDialectSpec {
  readonly name: string;
  readonly typeormType: TypeormDriverType;
  /** The folder's `require("./parts")`: run at most once, on the first read of a part when none are registered. */
  readonly load: () => DialectParts;
  /**
   * The runtime part's own isPrivilegeFailure, from a module of its own: asked
   * of an error without loading the parts (`asPrivilegeErrorOf`).
   */
  readonly isPrivilegeFailure: (error: unknown) => boolean;
}

const registered = new Map<string, DialectParts>();
const privilegeTests = new WeakMap<Dialect, (error: unknown) => boolean>();

/** Called by a folder's `parts.ts` as it runs: its parts are loaded. */
export function registerParts(name: string, parts: DialectParts): void {
  registered.set(name, parts);
}

/** Whether the parts of the dialect of this name have been loaded (in this process). */
export function partsLoaded(name: string): boolean {
  return registered.has(name);
}

export function lazyDialect(spec: LazyDialectSpec): Dialect {
  const { name, typeormType, load } = spec;
  let parts: DialectParts | undefined;
  const get = (): DialectParts => (parts ??= registered.get(name) ?? load());
  const dialect: Dialect = Object.freeze({
    name,
    typeormType,
    get quote() {
      return get().quote;
    },
    get sql() {
      return get().sql;
    },
    get types() {
      return get().types;
    },
    get catalog() {
      return get().catalog;
    },
    get runtime() {
      return get().runtime;
    },
    get lint() {
      return get().lint;
    },
  });
  privilegeTests.set(dialect, spec.isPrivilegeFailure);
  return dialect;
}

/**
 * `dialect.runtime.asPrivilegeError(error)`, without loading the parts for an
 * error it would return as it is: each runtime part converts only what its
 * isPrivilegeFailure accepts (and returns anything else unchanged), so asking
 * that predicate first gives the same answer. Its parts load only for an
 * error that is a refusal in its database's terms, which (its connection code
 * being in the parts) only code of the user's own can have raised.
 */
export function asPrivilegeErrorOf(dialect: Dialect, error: unknown): unknown {
  const isPrivilegeFailure = privilegeTests.get(dialect);
  if (isPrivilegeFailure !== undefined && !registered.has(dialect.name) && !isPrivilegeFailure(error)) return error;
  return dialect.runtime.asPrivilegeError(error);
}
