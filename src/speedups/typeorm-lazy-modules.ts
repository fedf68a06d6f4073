/**
 * `require("typeorm")` loads all of TypeORM: every driver (SQL Server,
 * Oracle, SAP, Spanner, Mongo...), the query builders, the persistence
 * layer. Reading entities needs a sixth of it, and compiling the rest was
 * about 100 ms of a cold `check` (3.2 MB of JavaScript). Here each of
 * TypeORM's modules whose top level only declares things (see
 * lazyExportNames) is given to its requirer as an object of getters, one per
 * export, and runs the first time one of them is read. A module that is
 * never used is never compiled; one that is used runs once, and every
 * requirer sees its real exports through the getters (the same classes, the
 * same values). Anything else in TypeORM loads as Node loads it.
 *
 * Reaches into Node's loader (`Module._extensions[".js"]`); the CLI's entry
 * installs it, inside the TypeORM versions the other TypeORM speed-ups are
 * proven on (typeorm-range.ts); test/unit/speedups/typeorm-lazy-modules.test.ts
 * checks every module of the installed TypeORM that it would defer: the
 * export names it reads are the module's, and the module's top level, parsed,
 * holds declarations only.
 */
import Module from "node:module";
import { readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { noteSpeedupSkipped } from "./notes";
import { PROVEN_RANGE, provenTypeormVersion } from "./typeorm-range";
import { speedupsOn } from "./switch";

interface LoadableModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
  parent?: unknown;
  _compile(code: string, filename: string): void;
}

interface ModuleStatics {
  _extensions: Record<string, (module: LoadableModule, filename: string) => void>;
  new (id: string, parent?: unknown): LoadableModule;
}

const statics = Module as unknown as ModuleStatics;

/**
 * Lines a deferred module's top level may consist of: tsc's CommonJS output
 * for a file that only imports, declares and exports. Top-level statements
 * start at column 0 in that output; indented lines are inside one of them.
 * Any other line (a call, `module.exports =`, a re-export, a static member
 * assigned after a class) keeps the module as Node loads it.
 */
const DECLARATION_LINE = new RegExp(
  [
    /"use strict";/,
    /Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);/,
    /(?:exports\.\w+ = )+void 0;/,
    /exports\.(?<exported>\w+) = \k<exported>;/,
    /(?:const|var|let) \w+ = (?:tslib_1\.__import(?:Default|Star)\()?require\("[^"]+"\)\)?;/,
    /(?:async )?function\*? ?\w+\(.*/,
    /class \w+(?: extends [\w.]+)? \{(?: ?\})?/,
    // a TypeScript enum: `var E;` then `(function (E) {` ... `})(E || (exports.E = E = {}));`
    /var \w+;/,
    /\(function \(\w+\) \{/,
    /\}\)\((?<enumName>\w+) \|\| \(exports\.\k<enumName> = \k<enumName> = \{\}\)\);/,
    /[})\]]+;?/,
    /(?:\/\/|\/\*| \*|\*\/).*/,
  ]
    .map((pattern) => `(?:${pattern.source})`)
    .join("|")
    .replace(/^/, "^(?:")
    .concat(")$"),
);

/** Export names a declaration line adds: `exports.a = exports.b = void 0;`, `exports.a = a;`, an enum's closing line. */
const EXPORTING_LINE = /^(?:((?:exports\.\w+ = )+)void 0;|exports\.(\w+) = \2;|\}\)\((\w+) \|\| \(exports\.)/;

/**
 * The names a module exports, when its top level only declares (imports,
 * classes, functions, enums and their exports); null otherwise.
 */
export function lazyExportNames(source: string): string[] | null {
  const names = new Set<string>();
  let marked = false;
  // only lines at column 0 (hundreds of modules, a few MB: indexOf rather than split)
  for (let start = 0; start < source.length; ) {
    let end = source.indexOf("\n", start);
    if (end < 0) end = source.length;
    const first = source.charCodeAt(start);
    if (end > start && first !== 32 && first !== 9) {
      const line = source.slice(start, end);
      if (!DECLARATION_LINE.test(line)) return null;
      if (line.startsWith("exports.") || line.startsWith("})(")) {
        const match = EXPORTING_LINE.exec(line);
        if (match?.[1]) for (const name of match[1].matchAll(/exports\.(\w+)/g)) names.add(name[1]!);
        else if (match) names.add((match[2] ?? match[3])!);
      } else if (line.startsWith('Object.defineProperty(exports, "__esModule"')) marked = true;
    }
    start = end + 1;
  }
  // tsc marks every module it writes; without the mark this is not its output
  return marked ? [...names] : null;
}

/** The exports object a deferred module's requirers get: a getter per export, running the module on first use. */
function deferredExports(owner: LoadableModule, filename: string, names: readonly string[]): object {
  let real: Record<string, unknown> | null = null;
  const load = (): Record<string, unknown> => {
    if (real !== null) return real;
    const inner = new statics(filename, owner.parent);
    inner.filename = filename;
    inner.paths = owner.paths;
    // set before running: a cycle back into this module reads the partial exports, as with Node's own loading
    real = inner.exports as Record<string, unknown>;
    try {
      // read again rather than kept: most deferred modules never run, and holding their text (2 MB) cost collections
      inner._compile(readFileSync(filename, "utf8"), filename);
    } catch (error) {
      // as Node forgets a module that threw while loading: the next use runs it again
      real = null;
      throw error;
    }
    inner.loaded = true;
    real = inner.exports as Record<string, unknown>;
    return real;
  };
  const exports: Record<string, unknown> = {};
  Object.defineProperty(exports, "__esModule", { value: true });
  // as tsc's exports: enumerable, assignable (a write reaches the module), redefinable
  for (const name of names) {
    Object.defineProperty(exports, name, {
      enumerable: true,
      configurable: true,
      get: () => load()[name],
      set: (value: unknown) => {
        load()[name] = value;
      },
    });
  }
  return exports;
}

const TYPEORM_FOLDER = `${sep}node_modules${sep}typeorm${sep}`;

/** Per typeorm package folder: whether its version is one the speed-up was proven on. */
const provenFolders = new Map<string, boolean>();

/** Whether `filename` is TypeORM's own (not a package nested under it) and of a proven version. */
export function provenFolder(filename: string): boolean {
  const at = filename.lastIndexOf(TYPEORM_FOLDER);
  if (at < 0 || filename.includes(`${sep}node_modules${sep}`, at + TYPEORM_FOLDER.length)) return false;
  const folder = filename.slice(0, at + TYPEORM_FOLDER.length - 1);
  let proven = provenFolders.get(folder);
  if (proven === undefined) {
    let version: string | undefined;
    try {
      version = (JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { version?: string }).version;
    } catch {
      version = undefined;
    }
    proven = provenTypeormVersion(version);
    provenFolders.set(folder, proven);
    if (!proven) noteSpeedupSkipped(`typeorm ${version ?? "(unknown version)"} loads whole: deferring its unused modules is proven on ${PROVEN_RANGE}`);
  }
  return proven;
}

let installed = false;

/** From now on, TypeORM's declaration-only modules load when first used. CLI only: it changes how this process loads modules. */
export function installLazyTypeormModules(env: NodeJS.ProcessEnv = process.env): void {
  if (installed || !speedupsOn(env)) return;
  installed = true;
  const plain = statics._extensions[".js"]!;
  statics._extensions[".js"] = function loadJs(this: unknown, module: LoadableModule, filename: string): void {
    if (!provenFolder(filename)) return plain.call(this, module, filename);
    const source = readFileSync(filename, "utf8");
    const names = lazyExportNames(source);
    if (names === null) return plain.call(this, module, filename);
    module.exports = deferredExports(module, filename, names);
  };
}
