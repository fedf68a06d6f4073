import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { ResolvedConfig } from "../config/types";
import { EntityError } from "../errors";
import { loadUserModule, requireFromProject } from "./index";

export type TypeormModule = typeof import("typeorm");

export interface LoadedEntities {
  /** Entity classes and EntitySchemas, in file order then export order. */
  readonly entities: readonly (Function | object)[];
  /** typeorm as the user's project resolves it. */
  readonly typeorm: TypeormModule;
  readonly files: readonly string[];
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

/** Load the config's entities: expand globs, require each file, keep the classes and EntitySchemas it exports. */
export async function loadEntities(config: ResolvedConfig, options: LoadEntitiesOptions = {}): Promise<LoadedEntities> {
  let lastTurn = performance.now();
  const turn = async (): Promise<void> => {
    if (!options.yieldToEventLoop || performance.now() - lastTurn < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
  };
  requireFromProject("reflect-metadata", config.root);
  await turn();
  const typeorm = requireFromProject<TypeormModule>("typeorm", config.root);
  await turn();
  const entities: (Function | object)[] = [];
  const files: string[] = [];
  const globs = config.entities.filter((e): e is string => typeof e === "string");
  if (globs.length > 0) {
    const { globSync } = await import("tinyglobby");
    // relative globs start at entitiesRoot (a DataSource's, like TypeORM, at the working directory)
    const from = config.entitiesRoot;
    for (const pattern of globs) {
      const matched = existsSync(resolve(from, pattern))
        ? [resolve(from, pattern)]
        : globSync(pattern, { cwd: from, absolute: true, ignore: ["**/node_modules/**", "**/*.d.ts"] })
            .filter((file) => MODULE_FILE.test(file)) // as TypeORM: modules only, never .d.ts (the ignore misses them under an absolute pattern)
            .sort();
      if (matched.length === 0) {
        throw new EntityError(`no entity files match "${pattern}" (in ${from})`, {
          hint: config.dataSource ? "check `entities` in the DataSource (its globs start at the working directory, as in TypeORM)" : "check `entities` in migrator.config.ts",
        });
      }
      files.push(...matched);
    }
  }
  for (const file of [...new Set(files)]) {
    await turn();
    let exported: unknown;
    try {
      exported = loadUserModule(file, config.root);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split("\n").find((l) => l.trim()) ?? "unknown error";
      throw new EntityError(`cannot load entity file ${relative(config.root, file)}: ${reason.trim()}`, { cause: error });
    }
    if (typeof exported === "object" && exported !== null) {
      for (const value of Object.values(exported)) {
        if (typeof value === "function" || value instanceof typeorm.EntitySchema) entities.push(value);
      }
    }
  }
  for (const entity of config.entities) if (typeof entity !== "string") entities.push(entity);
  return { entities, typeorm, files };
}
