/**
 * The scratch copy is built chunk by chunk, each rolled back before the next
 * (its locks released), so that the locks held at once stay bounded whatever
 * the size of the model: PostgreSQL's shared lock table holds about
 * max_locks_per_transaction x max_connections entries (6 400 by default)
 * for all sessions together, and every relation created or dropped holds a
 * few until its (sub)transaction ends.
 *
 * Tables fill chunks up to a lock budget. Views may select from any table,
 * so they go last, in a chunk of their own with every model table their
 * bodies may name (those tables are built and read there, not elsewhere).
 */
import type { SchemaModel, TableModel, ViewModel } from "../../../model/types";
import { OUTER_GROUP, type WantedName } from "./clashes";

export interface Chunk {
  readonly tables: readonly TableModel[];
  readonly views: readonly ViewModel[];
}

/**
 * Locks a chunk may take, counting the real objects it drops out of the way.
 * Well under the shared table's default size, which other sessions share.
 */
export const LOCK_BUDGET = 2_000;

/**
 * About the locks building the table takes (the table, its TOAST table and
 * index, each index with a lock on its table, catalog object locks), and
 * renaming aside a real table and indexes of the same names.
 */
export function lockEstimate(table: TableModel): number {
  const indexes = (table.primaryKey === null ? 0 : 1) + table.uniques.length + table.indexes.length + table.exclusions.length;
  return 4 + 4 * indexes;
}

/** The chunks, in order; always at least one (it also reads the enums and extensions back). */
export function planChunks(model: SchemaModel, budget: number = LOCK_BUDGET): Chunk[] {
  const named = namedByViews(model.views);
  const withViews = model.tables.filter((table) => named.has(table.name));
  const chunks: Chunk[] = [];
  let tables: TableModel[] = [];
  let weight = 0;
  for (const table of model.tables) {
    if (named.has(table.name)) continue;
    const estimate = lockEstimate(table);
    if (tables.length > 0 && weight + estimate > budget) {
      chunks.push({ tables, views: [] });
      tables = [];
      weight = 0;
    }
    tables.push(table);
    weight += estimate;
  }
  if (tables.length > 0 || chunks.length === 0) chunks.push({ tables, views: [] });
  if (model.views.length > 0) chunks.push({ tables: withViews, views: model.views });
  return chunks;
}

/**
 * Every name a view body could use for a table: quoted identifiers as
 * written, bare words as written and folded to lower case. Keywords, column
 * names and words inside literals come along too; a table wrongly taken
 * for named is merely built in the views' chunk instead of its own. This
 * only chooses where tables are built: no SQL is rewritten.
 */
export function namedByViews(views: readonly ViewModel[]): Set<string> {
  const names = new Set<string>();
  for (const view of views) {
    for (const match of view.definition.matchAll(/"((?:[^"]|"")*)"|([\p{L}_][\p{L}\p{N}_$]*)/gu)) {
      if (match[1] !== undefined) names.add(match[1].replace(/""/g, '"'));
      else if (match[2] !== undefined) {
        names.add(match[2]);
        names.add(match[2].toLowerCase());
      }
    }
  }
  return names;
}

/** Every (schema, name) the scratch copy creates in a relation or type namespace, with the group that creates it (chunk `i` is group `i`). */
export function wantedNames(model: SchemaModel, chunks: readonly Chunk[]): WantedName[] {
  const names: WantedName[] = model.enums.map((type) => ({ schema: type.schema, name: type.name, group: OUTER_GROUP }));
  chunks.forEach((chunk, group) => {
    const add = (schema: string, name: string): void => void names.push({ schema, name, group });
    for (const table of chunk.tables) {
      add(table.schema, table.name);
      if (table.primaryKey !== null) add(table.schema, table.primaryKey.name);
      for (const unique of table.uniques) add(table.schema, unique.name);
      for (const exclusion of table.exclusions) add(table.schema, exclusion.name);
      for (const index of table.indexes) add(table.schema, index.name);
    }
    for (const view of chunk.views) {
      add(view.schema, view.name);
      for (const index of view.indexes) add(view.schema, index.name);
    }
  });
  return names;
}
