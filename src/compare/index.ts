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
import { introspect, mergeCatalogs } from "../introspect/postgres";
import { loadEntities } from "../loader/entities";
import { readEntityModel } from "../model/from-entities";
import { normalise } from "../model/normalise";
import { DEFAULT_SCHEMA, qualifiedKey, type QualifiedName, type SchemaModel } from "../model/types";
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
  const filters = { include: config.include, exclude: config.exclude };
  const scope = { include: config.include, exclude: config.exclude, ignoreTables: ownTables(config) };
  // The default schema's catalog read goes out first and runs on the server
  // while the entity files load here (CPU-bound, yielding now and then so the
  // read's statements can be sent): the two overlap instead of adding up.
  let sent!: () => void;
  const onTheWay = new Promise<void>((resolve) => (sent = resolve));
  const early = introspect(executor, { ...scope, schemas: [DEFAULT_SCHEMA], onSent: sent });
  early.catch(() => undefined); // awaited below, or on the way out of a failure
  let entityModel: Awaited<ReturnType<typeof readEntityModel>>;
  try {
    // BEGIN and SET take a round trip each: let them pass, so that the catalog
    // statement is with the server before typeorm loads (which yields nowhere)
    await Promise.race([onTheWay, early.then(() => undefined, () => undefined)]);
    const loaded = await loadEntities(config, { yieldToEventLoop: true });
    entityModel = await readEntityModel(loaded.entities, { typeorm: loaded.typeorm });
  } catch (error) {
    await early.catch(() => undefined); // the session must be idle before it closes
    throw error;
  }
  const { model: raw, unmanaged } = entityModel;
  const first = await early;
  const target = filterModel(await normalise(filterModel(raw, filters), executor), filters);
  // Schemas beyond the default one are known only now; they are read in a second statement.
  const others = target.schemas.filter((schema) => schema !== DEFAULT_SCHEMA);
  const read = others.length === 0 ? first : mergeCatalogs(first, await introspect(executor, { ...scope, schemas: others }));
  // Tables of `synchronize: false` entities are left alone, as synchronize leaves them.
  const live = withoutRelations(read, unmanaged);
  // Extensions the entities do not ask for are not ours to drop (TypeORM never drops one either).
  const wanted = new Set(target.extensions.map((e) => e.name));
  const current: SchemaModel = { ...live, extensions: live.extensions.filter((e) => wanted.has(e.name)) };
  const ignoreTables = [...ownTables(config), ...unmanaged];
  const result = diff(current, target, { renames: [...config.renames, ...(options.renames ?? [])], ignoreTables });
  // the reader's warnings (one table declared differently by several entities) come first: they explain the ops
  return { ops: result.ops, warnings: [...entityModel.warnings, ...result.warnings], target, current };
}

function withoutRelations(model: SchemaModel, names: readonly QualifiedName[]): SchemaModel {
  if (names.length === 0) return model;
  const left = new Set(names.map(qualifiedKey));
  return {
    ...model,
    tables: model.tables.filter((t) => !left.has(qualifiedKey(t))),
    views: model.views.filter((v) => !left.has(qualifiedKey(v))),
  };
}
