/** Small project trees for the loader's tests: written into a temp folder, loaded as a command would. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { resolveConfig } from "../../../src/config/load";
import type { UserConfig } from "../../../src/config/types";
import { loadEntities, type LoadedEntities } from "../../../src/loader/entities";
import { readEntityModel } from "../../../src/entities";
import type { SchemaModel, TableModel } from "../../../src/model/types";
import { postgres } from "../../../src/dialect";

export const typeorm = require("typeorm") as typeof import("typeorm");

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** Load `entities` (globs relative to `dir`) as check would. */
export function load(dir: string, entities: UserConfig["entities"]): Promise<LoadedEntities> {
  return loadEntities(resolveConfig({ entities }, join(dir, "migrator.config.ts")));
}

export async function modelOf(loaded: LoadedEntities): Promise<SchemaModel> {
  return (await readEntityModel(loaded.entities, { dialect: postgres, typeorm })).model;
}

export function tableOf(model: SchemaModel, name: string): TableModel {
  const table = model.tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name} in ${model.tables.map((t) => t.name).join(", ")}`);
  return table;
}

export const DECORATOR_TSCONFIG = JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } });
