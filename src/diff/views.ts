/**
 * Views and materialized views. A view whose body changed is dropped and
 * created again; so is, conservatively, one that names a table that changes
 * under it (dropped, renamed, columns dropped or altered) or another view that
 * is recreated: PostgreSQL refuses those changes while the view exists.
 * Dependencies are read from the identifiers in the body, which can only
 * over-approximate (a recreate too many, never one too few).
 */
import { qualifiedKey, type SchemaModel, type ViewModel } from "../model/types";
import type { Operation } from "../ops/types";
import { byQualifiedName, sortedByName } from "../model/names";
import { sameViewBody } from "./compare";
import { diffIndexes } from "./table-diff";

export interface ViewDiff {
  /** Run before any table change: indexes of dropped materialized views, then the views, dependents first. */
  readonly drops: Operation[];
  /** Run last: views (dependencies first) with their indexes, then index changes of kept materialized views. */
  readonly creates: Operation[];
}

export function identifiers(sql: string): Set<string> {
  const found = new Set<string>();
  for (const match of sql.matchAll(/"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)/g)) {
    found.add(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!.toLowerCase());
  }
  return found;
}

export function diffViews(from: SchemaModel, to: SchemaModel, changedTables: ReadonlySet<string>): ViewDiff {
  const toViews = new Map(to.views.map((v) => [qualifiedKey(v), v]));
  const words = new Map<string, Set<string>>();
  const wordsOf = (view: ViewModel, side: string): Set<string> => {
    const key = `${side}\u0000${qualifiedKey(view)}`;
    let set = words.get(key);
    if (!set) words.set(key, (set = identifiers(view.definition)));
    return set;
  };

  const recreated = new Map<string, ViewModel>();
  for (const view of from.views) {
    const next = toViews.get(qualifiedKey(view));
    const leansOnChange = [...wordsOf(view, "from")].some((word) => changedTables.has(word));
    if (!next || !sameViewBody(view, next) || leansOnChange) recreated.set(qualifiedKey(view), view);
  }
  // Views over recreated views go too, until nothing more is added.
  for (let grew = true; grew; ) {
    grew = false;
    const names = new Set([...recreated.values()].map((v) => v.name));
    for (const view of from.views) {
      if (recreated.has(qualifiedKey(view))) continue;
      if ([...wordsOf(view, "from")].some((word) => names.has(word))) {
        recreated.set(qualifiedKey(view), view);
        grew = true;
      }
    }
  }

  const drops: Operation[] = [];
  for (const view of dependenciesFirst([...recreated.values()], (v) => wordsOf(v, "from")).reverse()) {
    const name = { schema: view.schema, name: view.name };
    for (const index of sortedByName(view.indexes)) drops.push({ kind: "dropIndex", table: name, name: index.name, definition: index });
    drops.push({ kind: "dropView", view: name, materialized: view.materialized, definition: { ...view, indexes: [] } });
  }

  const fromViews = new Map(from.views.map((v) => [qualifiedKey(v), v]));
  const toCreate = to.views.filter((v) => recreated.has(qualifiedKey(v)) || !fromViews.has(qualifiedKey(v)));
  const creates: Operation[] = [];
  for (const view of dependenciesFirst(toCreate, (v) => wordsOf(v, "to"))) {
    creates.push({ kind: "createView", view: { ...view, indexes: [] } });
    const name = { schema: view.schema, name: view.name };
    for (const index of sortedByName(view.indexes)) creates.push({ kind: "createIndex", table: name, index });
  }
  for (const view of byQualifiedName(to.views)) {
    const old = fromViews.get(qualifiedKey(view));
    if (!old || recreated.has(qualifiedKey(view))) continue;
    const indexes = diffIndexes({ schema: view.schema, name: view.name }, old.indexes, view.indexes);
    creates.push(...indexes.drops, ...indexes.creates);
  }
  return { drops, creates };
}

/** Sorted by name, then each view after the views it names (depth-first). */
function dependenciesFirst(views: readonly ViewModel[], wordsOf: (v: ViewModel) => Set<string>): ViewModel[] {
  const viewsNamed = new Map<string, ViewModel[]>();
  for (const view of views) viewsNamed.set(view.name, [...(viewsNamed.get(view.name) ?? []), view]);
  const done = new Set<string>();
  const order: ViewModel[] = [];
  const visit = (view: ViewModel): void => {
    const key = qualifiedKey(view);
    if (done.has(key)) return;
    done.add(key);
    for (const word of [...wordsOf(view)].sort()) {
      for (const dependency of viewsNamed.get(word) ?? []) if (dependency !== view) visit(dependency);
    }
    order.push(view);
  };
  for (const view of byQualifiedName(views)) visit(view);
  return order;
}
