/**
 * Entities versus the live database: the pipeline `check` and
 * `revision --autogenerate` share.
 *
 *   entity files -> TypeORM metadata -> raw model -> normalise (PostgreSQL renders it)
 *   live catalog -> introspect
 *   diff(live, entities) -> ops
 */
import type { RenameHint, ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { diff } from "../diff";
import { introspect } from "../introspect/postgres";
import { loadEntities } from "../loader/entities";
import { readEntityModel } from "../model/from-entities";
import { normalise } from "../model/normalise";
import { DEFAULT_SCHEMA, type QualifiedName, type SchemaModel } from "../model/types";
import type { Operation } from "../ops/types";
import { filterModel } from "./filter";

export interface Comparison {
  readonly ops: readonly Operation[];
  readonly warnings: readonly string[];
  /** The entities' model, canonical. */
  readonly target: SchemaModel;
  /** The database's model. */
  readonly current: SchemaModel;
}

export interface CompareOptions {
  /** Rename hints beyond the config's `renames`. */
  readonly renames?: readonly RenameHint[];
}

/** migrator's own tables, never part of a comparison. */
export function ownTables(config: ResolvedConfig): QualifiedName[] {
  return [
    { schema: config.versionSchema, name: config.versionTable },
    { schema: config.versionSchema, name: config.logTable },
  ];
}

export async function compareWithDatabase(config: ResolvedConfig, executor: Executor, options: CompareOptions = {}): Promise<Comparison> {
  const loaded = await loadEntities(config);
  const { model: raw, unmanaged } = await readEntityModel(loaded.entities, { typeorm: loaded.typeorm });
  const filters = { include: config.include, exclude: config.exclude };
  const ignoreTables = [...ownTables(config), ...unmanaged];
  const target = filterModel(await normalise(filterModel(raw, filters), executor), filters);
  const live = await introspect(executor, {
    schemas: [...new Set([DEFAULT_SCHEMA, ...target.schemas])],
    include: config.include,
    exclude: config.exclude,
    ignoreTables,
  });
  // Extensions the entities do not ask for are not ours to drop (TypeORM never drops one either).
  const wanted = new Set(target.extensions.map((e) => e.name));
  const current: SchemaModel = { ...live, extensions: live.extensions.filter((e) => wanted.has(e.name)) };
  const result = diff(current, target, { renames: [...config.renames, ...(options.renames ?? [])], ignoreTables });
  return { ops: result.ops, warnings: result.warnings, target, current };
}
