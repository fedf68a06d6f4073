/**
 * Entities versus the live database: the pipeline `check` and
 * `revision --autogenerate` share.
 *
 *   entity files -> TypeORM metadata -> raw model -> normalise (the database renders it)
 *   live catalog -> introspect
 * (introspect and normalise are the dialect's catalog part)
 *   diff(live, entities) -> ops
 */
import type { RenameHint, ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import { diff } from "../diff";
import { parseHintTable } from "../diff/names";
import { loadEntities } from "../loader/entities";
import { readEntityModel } from "../entities";
import { DEFAULT_SCHEMA, qualifiedKey, type QualifiedName, type SchemaModel } from "../model/types";
import type { Operation } from "../ops/types";
import { typeormMetadataOps, wantedTypeormMetadata, type TypeormMetadataScope } from "../typeorm-metadata";
import { filterModel } from "./filter";

export interface Comparison {
  readonly ops: readonly Operation[];
  readonly warnings: readonly string[];
  /** The entities' model, canonical. */
  readonly target: SchemaModel;
  /** The database's model. */
  readonly current: SchemaModel;
  /** Indexes the entities declare concurrent, by qualifiedKey of (schema, index name). */
  readonly concurrentIndexes: ReadonlySet<string>;
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

/** The schema unqualified entities land in: the DataSource's `schema`, else public. */
export function homeSchema(config: ResolvedConfig): string {
  return config.entityOptions.schema ?? DEFAULT_SCHEMA;
}

/** Tables neither side owns: migrator's, and TypeORM's metadata table (created in the home schema, under any name). */
function ignoredTables(config: ResolvedConfig): QualifiedName[] {
  return [...ownTables(config), { schema: homeSchema(config), name: config.metadataTable }];
}

export async function compareWithDatabase(config: ResolvedConfig, executor: Executor, options: CompareOptions = {}): Promise<Comparison> {
  const filters = { include: config.include, exclude: config.exclude };
  const scope = { include: config.include, exclude: config.exclude, ignoreTables: ignoredTables(config) };
  const home = homeSchema(config);
  const { catalog } = config.dialect;
  // MySQL's type mapping depends on the server (a round trip, before the read goes out)
  const typeormDriver = await catalog.entityDriver?.(executor);
  // The default schema's catalog read goes out first and runs on the server
  // while the entity files load here (CPU-bound, yielding now and then so the
  // read's statements can be sent): the two overlap instead of adding up.
  let sent!: () => void;
  const onTheWay = new Promise<void>((resolve) => (sent = resolve));
  const early = catalog.introspect(executor, { ...scope, schemas: [home], onSent: sent });
  early.catch(() => undefined); // awaited below, or on the way out of a failure
  let entityModel: Awaited<ReturnType<typeof readEntityModel>>;
  let loadWarnings: readonly string[];
  try {
    // the read's opening statements take a round trip each: let them pass, so that the catalog
    // statement is with the server before typeorm loads (which yields nowhere)
    await Promise.race([onTheWay, early.then(() => undefined, () => undefined)]);
    const loaded = await loadEntities(config, { yieldToEventLoop: true });
    loadWarnings = loaded.warnings;
    entityModel = await readEntityModel(loaded.entities, {
      typeorm: loaded.typeorm,
      dataSource: config.entityOptions,
      dialect: config.dialect,
      ...(typeormDriver === undefined ? {} : { typeormDriver }),
    });
  } catch (error) {
    await early.catch(() => undefined); // the session must be idle before it closes
    throw error;
  }
  const { unmanaged } = entityModel;
  const raw = withHomeSchema(entityModel.model, home);
  const first = await early;
  const target = filterModel(await catalog.normalise(filterModel(raw, filters), executor), filters);
  // Schemas beyond the default one are known only now; they are read in a second statement.
  const others = target.schemas.filter((schema) => schema !== home);
  const read = others.length === 0 ? first : catalog.mergeCatalogs(first, await catalog.introspect(executor, { ...scope, schemas: others }));
  // Tables of `synchronize: false` entities are left alone, as synchronize leaves them; so is
  // the table of TypeORM's own migrations (a database being adopted has one).
  const leftAlone = [...unmanaged, ...typeormMigrationsTable(config, target, home)];
  const live = withoutRelations(read, leftAlone);
  // Extensions the entities do not ask for are not ours to drop (TypeORM never drops one either).
  const wanted = new Set(target.extensions.map((e) => e.name));
  const current: SchemaModel = { ...live, extensions: live.extensions.filter((e) => wanted.has(e.name)) };
  const ignoreTables = [...ignoredTables(config), ...leftAlone];
  const renames = [...config.renames, ...(options.renames ?? [])];
  // Only with hints: their tables' sequences may be renamed with them (one more catalog read).
  const sequences = await catalog.ownedSequences(executor, renames.map((hint) => parseHintTable(hint.table)));
  const result = diff(current, target, config.dialect.types, { renames, ignoreTables, sequences, columnPositions: config.dialect.sql.placesColumns });
  const bookkeeping = config.typeormMetadata ? await typeormBookkeeping(config, executor, filterModel(raw, filters), { current, target }) : [];
  // the loader's and the reader's warnings (a table declared differently by several entities) come first: they explain the ops
  return { ops: [...result.ops, ...bookkeeping], warnings: [...loadWarnings, ...entityModel.warnings, ...result.warnings], target, current,
    concurrentIndexes: new Set(entityModel.concurrentIndexes.map(qualifiedKey)),
  };
}

/**
 * The rows of TypeORM's metadata table the schema's views and generated
 * columns need (src/typeorm-metadata), after every other op. The table is
 * read only when a view or generated column is on either side.
 */
async function typeormBookkeeping(config: ResolvedConfig, executor: Executor, raw: SchemaModel, scope: TypeormMetadataScope): Promise<Operation[]> {
  const wanted = wantedTypeormMetadata(raw);
  const hasAny = (model: SchemaModel): boolean => model.views.length > 0 || model.tables.some((t) => t.columns.some((c) => c.generated !== null));
  if (wanted.length === 0 && !hasAny(scope.current)) return [];
  const table = { schema: homeSchema(config), name: config.metadataTable };
  return typeormMetadataOps(wanted, await config.dialect.catalog.readTypeormMetadata(executor, table), scope, table);
}

/** TypeORM's migrations table of a DataSource project (in its schema), unless an entity maps to that name. */
function typeormMigrationsTable(config: ResolvedConfig, target: SchemaModel, home: string): QualifiedName[] {
  const name = config.typeormMigrationsTable;
  if (name === null || target.tables.some((t) => t.schema === home && t.name === name)) return [];
  return [{ schema: home, name }];
}

/**
 * Both models list the schemas beyond public. A DataSource's own schema is one
 * of them on the live side, and is the entities' too: created when missing
 * (synchronize would expect it to exist), never dropped while in use.
 */
function withHomeSchema(model: SchemaModel, home: string): SchemaModel {
  if (home === DEFAULT_SCHEMA || model.schemas.includes(home)) return model;
  return { ...model, schemas: [...model.schemas, home].sort() };
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
