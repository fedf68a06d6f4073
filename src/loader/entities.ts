import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { EntityError } from "../errors";
import { sameList } from "../diff/compare";
import { compileTypeScriptModule, isCompiledByUs } from "./compile";
import { cacheDirFor, loadUserModule, requireFromProject, useProjectCache } from "./index";
import { finishBatch, prepareTranspiled, type TranspileCache } from "./transpile";
import { filesGoneSinceLastRun } from "./entity-file-memory";
import { describeLoadFailure } from "./load-errors";
import { settleDecorators } from "./settle";
import { settingsFor, takeTsconfigWarnings } from "./tsconfig";
import { simpleGlob } from "../speedups/simple-glob";
import { speedupsOn } from "../speedups/switch";

/** The whole typeorm package as the project resolves it (the entity reader needs only a part: entities/metadata.ts's TypeormModule). */
export type TypeormPackage = typeof import("typeorm");

export interface LoadedEntities {
  /** Entity classes and EntitySchemas, in file order then export order. */
  readonly entities: readonly (Function | object)[];
  /** typeorm as the user's project resolves it. */
  readonly typeorm: TypeormPackage;
  readonly files: readonly string[];
  /** Said once on stderr by the command: patterns matching nothing, tsconfig settings that change types, empty files. */
  readonly warnings: readonly string[];
}

/** What the loader needs of a project (a ResolvedConfig has it all). */
export interface EntitySources {
  /** The project's folder: its transpile cache, and where typeorm and reflect-metadata resolve from. */
  readonly root: string;
  /** Globs, and classes or EntitySchemas given as they are. */
  readonly entities: readonly (string | Function | object)[];
  /** Where relative globs start. */
  readonly entitiesRoot: string;
  /** The DataSource module the entities came from, or null: only the hint of a glob that matches nothing differs. */
  readonly dataSource: string | null;
}

export interface LoadEntitiesOptions {
  /**
   * Give the event loop a turn every few milliseconds while loading, so that
   * database work started before (a catalog read) can send its next statement
   * and run on the server meanwhile.
   */
  readonly yieldToEventLoop?: boolean;
}

/** The files TypeORM loads from an entity glob (and .tsx, which our hook compiles). */
const MODULE_FILE = /(?<!\.d)\.((c|m)?(t|j)s|tsx)$/;

/** Longest stretch of loading without a turn of the event loop, when asked to yield. */
const YIELD_EVERY_MS = 5;

/** Load a project's entities: expand globs, require each file, keep the classes and EntitySchemas it exports. */
export async function loadEntities(config: EntitySources, options: LoadEntitiesOptions = {}): Promise<LoadedEntities> {
  let lastTurn = performance.now();
  const turn = async (): Promise<void> => {
    if (!options.yieldToEventLoop || performance.now() - lastTurn < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
  };
  const warnings: string[] = [];
  const entities: (Function | object)[] = [];
  const globs = config.entities.filter((e): e is string => typeof e === "string");
  // relative globs start at entitiesRoot (a DataSource's, like TypeORM's, at the working directory)
  const hint = config.dataSource
    ? "check `entities` in the DataSource (its globs start at the working directory, as in TypeORM)"
    : "check `entities` in migrator.config.ts";
  const files = globs.length > 0 ? await expandEntityGlobs(globs, config.entitiesRoot, warnings, hint) : [];
  if (globs.length > 0 && !process.env.MIGRATOR_NO_CACHE) {
    const gone = filesGoneSinceLastRun(dirname(cacheDirFor(config.root)), config.root, files);
    if (gone.length > 0) {
      const listed = gone.length > 5 ? `${gone.slice(0, 5).join(", ")} and ${gone.length - 5} more` : gone.join(", ");
      warnings.push(`the entity globs match ${gone.length} file(s) fewer than last time (${listed}): tables only they defined would be dropped`);
    }
  }
  const cache = useProjectCache(config.root);
  // the files the cache lacks compile on swc's threads while typeorm loads here (or since the command started)
  const early = startedEarly.get(cache);
  startedEarly.delete(cache);
  const earlyFiles = early === undefined ? null : await early.files;
  const prepared =
    early !== undefined && earlyFiles !== null && sameList(earlyFiles, files)
      ? early.prepared.then((dispatched) => (dispatched ? undefined : prepareEntityFiles(files, cache)))
      : prepareEntityFiles(files, cache);
  let typeorm: TypeormPackage;
  try {
    requireFromProject("reflect-metadata", config.root);
    await turn();
    typeorm = requireFromProject<TypeormPackage>("typeorm", config.root);
    await prepared;
    await turn();
    for (const file of files) {
      await turn();
      let exported: unknown;
      try {
        // TypeScript straight from its text: require's resolution of an absolute path (stat, a realpath walk, a
        // throwaway module from createRequire) was a fifth of loading a cached entity
        exported = isCompiledByUs(file)
          ? compileTypeScriptModule(file, cache.read.get(file)?.source ?? readFileSync(file, "utf8"), cache.dir)
          : loadUserModule(file, config.root);
      } catch (error) {
        const { message, hint } = describeLoadFailure(error, { root: config.root, entry: file, what: "entity file" });
        // a tsconfig without emitDecoratorMetadata is the likeliest cause of TypeORM's "cannot be guessed"
        throw new EntityError(message, { hint: hint ?? takeTsconfigWarnings()[0], cause: error });
      }
      if (typeof exported === "object" && exported !== null) {
        const values = Object.values(exported);
        // an emptied file would otherwise vanish quietly, and its tables with it
        if (values.length === 0) warnings.push(`${relative(config.root, file)} exports nothing; the tables of entities it used to define would be dropped`);
        for (const value of values) {
          if (typeof value === "function" || value instanceof typeorm.EntitySchema) entities.push(value);
        }
      }
    }
    for (const entity of config.entities) if (typeof entity !== "string") entities.push(entity);
    // decorators some projects apply a tick after import (feature-flag columns)
    await settleDecorators(typeorm);
  } catch (error) {
    finishBatch(cache, { failed: true });
    throw error;
  }
  // the entity pack, when this load used anything it lacked (written now: an in-process caller may remove the folder next)
  finishBatch(cache);
  warnings.push(...takeTsconfigWarnings());
  return { entities, typeorm, files, warnings };
}

/** Compiling started by startCompilingEntities, per project cache: the files it found, and whether it got them going. */
const startedEarly = new WeakMap<TranspileCache, { readonly files: Promise<string[] | null>; readonly prepared: Promise<boolean> }>();

/**
 * Starts compiling a project's entity files now, for a command that loads
 * them only after other work (reading the revision graph, connecting,
 * checking the heads): in a fresh clone their transpiles then run on swc's
 * threads beside that work, where loadEntities waited ~40 ms for them.
 * loadEntities takes the work over when its globs give the same files, and
 * otherwise (or when this failed) compiles as before. Never throws and says
 * nothing: what is wrong with the globs or the files is loadEntities' to
 * report, in its place.
 */
export function startCompilingEntities(config: EntitySources): void {
  const globs = config.entities.filter((e): e is string => typeof e === "string");
  if (globs.length === 0 || !speedupsOn()) return;
  const cache = useProjectCache(config.root);
  // started already (the CLI starts it as soon as the config is read; the command again, for API callers)
  if (startedEarly.has(cache)) return;
  const files = expandEntityGlobs(globs, config.entitiesRoot, [], "").catch(() => null);
  const prepared = files.then((found) => (found === null ? false : prepareEntityFiles(found, cache).then(() => true))).catch(() => false);
  startedEarly.set(cache, { files, prepared });
}

/** The speed-up of a cold run (compiling ahead on swc's threads, the entity pack): off, each file compiles as it is required. */
function prepareEntityFiles(files: readonly string[], cache: TranspileCache): Promise<void> {
  const typescript = files.filter(isCompiledByUs);
  if (typescript.length < 2 || !speedupsOn()) return Promise.resolve();
  return prepareTranspiled(
    typescript.map((file) => ({ file, settings: settingsFor(file).transpile })),
    cache,
  );
}

/**
 * Globs as every glob-taking tool reads them: `!pattern` excludes, a path
 * that exists is taken as it is, and a pattern that matches nothing is a
 * warning while others match (an error when none does). Sorted per pattern,
 * first match wins, so the order does not depend on the file system.
 */
export async function expandEntityGlobs(patterns: readonly string[], root: string, warnings: string[], hint: string): Promise<string[]> {
  const include = patterns.filter((p) => !p.startsWith("!"));
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
  const declarations = ["**/*.d.ts", "**/*.d.mts", "**/*.d.cts"];
  // tinyglobby only for what one readdir cannot answer (simple-glob.ts)
  let tinyglobby: typeof import("tinyglobby") | undefined;
  const glob = async (pattern: string, ignore: string[]): Promise<string[]> =>
    (speedupsOn() ? simpleGlob(pattern, root) : null) ?? (tinyglobby ??= await import("tinyglobby")).globSync(pattern, { cwd: root, absolute: true, ignore });
  const excluded = new Set<string>();
  for (const pattern of exclude) for (const file of await glob(pattern, [])) excluded.add(file);
  const files: string[] = [];
  const empty: string[] = [];
  for (const pattern of include) {
    const matched = existsSync(resolve(root, pattern))
      ? [resolve(root, pattern)]
      : (await glob(pattern, ignoredFor(pattern, declarations)))
          .filter((file) => MODULE_FILE.test(file)) // as TypeORM: modules only, never .d.ts (the ignore misses them under an absolute pattern)
          .sort();
    const kept = matched.filter((file) => !excluded.has(file));
    if (kept.length === 0) empty.push(pattern);
    files.push(...kept);
  }
  const unique = [...new Set(files)];
  if (unique.length === 0 && include.length > 0) {
    throw new EntityError(`no entity files match ${include.map((p) => `"${p}"`).join(", ")}${exclude.length > 0 ? " (after exclusions)" : ""} (in ${root})`, { hint });
  }
  for (const pattern of empty) warnings.push(`no entity files match "${pattern}"${exclude.length > 0 ? " (after exclusions)" : ""}`);
  return unique;
}

/** node_modules is skipped unless the pattern itself reaches into it (entities compiled into a workspace package's dist). */
function ignoredFor(pattern: string, always: readonly string[]): string[] {
  return pattern.includes("node_modules") ? [...always] : ["**/node_modules/**", ...always];
}
