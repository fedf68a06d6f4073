/**
 * One table per name when several metadata declare it: a junction table
 * declared from both sides, an entity class beside a `@JoinTable` of its name,
 * two entity classes on one table, or the closure table an STI child inherits.
 *
 * The result is what TypeORM's synchronize builds on an empty database (as
 * observed, and as its RdbmsSchemaBuilder reads: every pass walks the metadata
 * in order and finds the table by name):
 * - the first declaration creates the table (createNewTables skips a name it has);
 * - each later one drops the columns it lacks (dropRemovedColumns), then each
 *   declaration in order adds back the columns the table lacks (addNewColumns);
 * - a later primary key of more than one column replaces one of another size
 *   (updatePrimaryKeys); otherwise the first's stays;
 * - indexes, uniques, checks, exclusions and foreign keys are created when no
 *   object of that name is there yet: the first definition of each name wins.
 * A column declared differently by two of them has no such answer: synchronize
 * alters it back and forth on every run (dropping its data when the type
 * changes), or fails when they disagree on its place in the primary key. That
 * is an error. Any other disagreement is one warning naming the
 * declarations. Identical declarations are merged silently.
 */
import { EntityError } from "../errors";
import { displayTable } from "../model/names";
import { qualifiedKey, type ColumnModel, type TableModel, type ViewModel } from "../model/types";

export interface Declared<T> {
  readonly model: T;
  /** Who declared it, as the user's code names it (see declarations.ts). */
  readonly by: string;
}

export interface OnePerName {
  readonly tables: TableModel[];
  readonly views: ViewModel[];
  readonly warnings: string[];
}

/** `tables` and `views` in TypeORM's metadata order. */
export function onePerName(tables: readonly Declared<TableModel>[], views: readonly Declared<ViewModel>[]): OnePerName {
  const tableGroups = groupByName(tables);
  const viewGroups = groupByName(views);
  const tableBy = new Map(tableGroups.map((group) => [qualifiedKey(group[0]!.model), group[0]!.by]));
  for (const [view] of viewGroups) {
    const table = tableBy.get(qualifiedKey(view!.model));
    if (table !== undefined) {
      throw new EntityError(`${displayTable(view!.model)} is declared as a table by ${table} and as a view by ${view!.by}`, {
        hint: "a table and a view cannot share a name: rename one of them",
      });
    }
  }
  const warnings: string[] = [];
  return { tables: tableGroups.map((group) => mergeTable(group, warnings)), views: viewGroups.map(oneView), warnings };
}

function groupByName<T extends TableModel | ViewModel>(declared: readonly Declared<T>[]): Declared<T>[][] {
  const groups = new Map<string, Declared<T>[]>();
  for (const item of declared) {
    const key = qualifiedKey(item.model);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** synchronize creates a view once; a second, different one it cannot create. */
function oneView(group: readonly Declared<ViewModel>[]): ViewModel {
  const [first, ...later] = group as [Declared<ViewModel>, ...Declared<ViewModel>[]];
  const other = later.find((view) => !same(view.model, first.model));
  if (other) {
    throw new EntityError(`view ${displayTable(first.model)} is declared by ${first.by} and by ${other.by}, differently`, {
      hint: "give one of the view entities another name, or make the two definitions the same",
    });
  }
  return first.model;
}

function mergeTable(group: readonly Declared<TableModel>[], warnings: string[]): TableModel {
  const [first, ...later] = group as [Declared<TableModel>, ...Declared<TableModel>[]];
  if (later.length === 0) return first.model;
  rejectColumnConflicts(group);
  const differences = later.map((other) => describeDifferences(first.model, other)).filter((text) => text !== "");
  if (differences.length > 0) {
    warnings.push(
      `table ${displayTable(first.model)} is declared by ${group.map((d) => d.by).join(" and by ")}, which disagree: ` +
        `${differences.join("; ")}. It is compared as TypeORM's synchronize creates it: as ${first.by} declares it, plus what only the others add`,
    );
  }
  const tables = group.map((d) => d.model);
  return {
    ...first.model,
    columns: synchronizedColumns(tables),
    primaryKey: synchronizedPrimaryKey(tables),
    uniques: firstOfEachName(tables.map((t) => t.uniques)),
    indexes: firstOfEachName(tables.map((t) => t.indexes)),
    foreignKeys: firstOfEachName(tables.map((t) => t.foreignKeys)),
    checks: firstOfEachName(tables.map((t) => t.checks)),
    exclusions: firstOfEachName(tables.map((t) => t.exclusions)),
  };
}

function rejectColumnConflicts(group: readonly Declared<TableModel>[]): void {
  const firstDefinition = new Map<string, { column: ColumnModel; primary: boolean; by: string }>();
  for (const declared of group) {
    const primary = new Set(declared.model.primaryKey?.columns ?? []);
    for (const column of declared.model.columns) {
      const earlier = firstDefinition.get(column.name);
      if (!earlier) {
        firstDefinition.set(column.name, { column, primary: primary.has(column.name), by: declared.by });
        continue;
      }
      const conflict = !same(earlier.column, column)
        ? `define column "${column.name}" differently (${columnSummary(earlier.column)} against ${columnSummary(column)})`
        : earlier.primary !== primary.has(column.name)
          ? `disagree on whether column "${column.name}" is part of the primary key`
          : null;
      if (conflict !== null) {
        throw new EntityError(`table ${displayTable(declared.model)} is declared by ${earlier.by} and by ${declared.by}, which ${conflict}`, {
          hint: "make the two declarations agree, or map one of them to another table (TypeORM's synchronize cannot settle this column either)",
        });
      }
    }
  }
}

function synchronizedColumns(tables: readonly TableModel[]): ColumnModel[] {
  const [first, ...later] = tables as [TableModel, ...TableModel[]];
  const laterNames = later.map((t) => new Set(t.columns.map((c) => c.name)));
  const columns = first.columns.filter((column) => laterNames.every((names) => names.has(column.name)));
  const present = new Set(columns.map((c) => c.name));
  for (const table of tables) {
    for (const column of table.columns) {
      if (present.has(column.name)) continue;
      present.add(column.name);
      columns.push(column);
    }
  }
  return columns;
}

function synchronizedPrimaryKey(tables: readonly TableModel[]): TableModel["primaryKey"] {
  let primaryKey = tables[0]!.primaryKey;
  for (const table of tables) {
    const wanted = table.primaryKey;
    if (wanted && wanted.columns.length > 1 && wanted.columns.length !== (primaryKey?.columns.length ?? 0)) primaryKey = wanted;
  }
  return primaryKey;
}

function firstOfEachName<T extends { readonly name: string }>(lists: readonly (readonly T[])[]): T[] {
  const byName = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!byName.has(item.name)) byName.set(item.name, item);
  return [...byName.values()];
}

/** What `other` declares that differs from the first declaration, in a few words; "" when nothing does. */
function describeDifferences(first: TableModel, other: Declared<TableModel>): string {
  const theirs = other.model;
  const parts: string[] = [];
  const ours = new Set(first.columns.map((c) => c.name));
  const their = new Set(theirs.columns.map((c) => c.name));
  const lacking = first.columns.filter((c) => !their.has(c.name)).map((c) => c.name);
  const adding = theirs.columns.filter((c) => !ours.has(c.name)).map((c) => c.name);
  if (lacking.length > 0) {
    parts.push(`lacks ${listed("column", lacking)} (TypeORM's synchronize drops and re-adds ${lacking.length === 1 ? "it" : "them"} on every run)`);
  }
  if (adding.length > 0) parts.push(`adds ${listed("column", adding)}`);
  const shared = (columns: readonly ColumnModel[], names: ReadonlySet<string>): string[] => columns.map((c) => c.name).filter((name) => names.has(name));
  if (shared(first.columns, their).join("\u0000") !== shared(theirs.columns, ours).join("\u0000")) parts.push("orders the columns differently");
  if (!same(first.primaryKey, theirs.primaryKey)) parts.push(`wants primary key ${keySummary(theirs.primaryKey)}, not ${keySummary(first.primaryKey)}`);
  parts.push(...namedDifferences("index", first.indexes, theirs.indexes));
  parts.push(...namedDifferences("unique constraint", first.uniques, theirs.uniques));
  parts.push(...namedDifferences("foreign key", first.foreignKeys, theirs.foreignKeys));
  parts.push(...namedDifferences("check", first.checks, theirs.checks));
  parts.push(...namedDifferences("exclusion", first.exclusions, theirs.exclusions));
  if (first.comment !== theirs.comment) parts.push("has another comment");
  return parts.length === 0 ? "" : `${other.by} ${parts.join(", ")}`;
}

function namedDifferences<T extends { readonly name: string }>(kind: string, ours: readonly T[], theirs: readonly T[]): string[] {
  const byName = new Map(ours.map((item) => [item.name, item]));
  const theirNames = new Set(theirs.map((item) => item.name));
  const adding = theirs.filter((item) => !byName.has(item.name)).map((item) => item.name);
  const differing = theirs.filter((item) => byName.has(item.name) && !same(byName.get(item.name), item)).map((item) => item.name);
  const lacking = ours.filter((item) => !theirNames.has(item.name)).map((item) => item.name);
  const parts: string[] = [];
  if (adding.length > 0) parts.push(`adds ${listed(kind, adding)}`);
  if (differing.length > 0) parts.push(`defines ${listed(kind, differing)} differently`);
  if (lacking.length > 0) parts.push(`lacks ${listed(kind, lacking)}`);
  return parts;
}

function listed(kind: string, names: readonly string[]): string {
  const kinds = names.length === 1 ? kind : kind === "index" ? "indexes" : `${kind}s`;
  return `${kinds} ${names.map((name) => `"${name}"`).join(", ")}`;
}

function keySummary(key: TableModel["primaryKey"]): string {
  return key ? `(${key.columns.map((c) => `"${c}"`).join(", ")})` : "(none)";
}

function columnSummary(column: ColumnModel): string {
  const parts = [column.type, column.nullable ? "null" : "not null"];
  if (column.default !== null) parts.push(`default ${column.default}`);
  if (column.identity) parts.push(`identity ${column.identity.toLowerCase()}`);
  if (column.serial) parts.push("serial");
  if (column.generated !== null) parts.push(`generated ${column.generated}`);
  if (column.collation !== null) parts.push(`collate ${column.collation}`);
  if (column.comment !== null) parts.push(`comment ${JSON.stringify(column.comment)}`);
  return parts.join(" ");
}

/** Models are plain data built by one reader, so equal definitions serialise alike. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
