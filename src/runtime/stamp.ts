/**
 * Stamp: the version rows a target sets, without running anything. Each
 * target replaces the current rows it is related to (its ancestors or
 * descendants); unrelated rows (other branches) stay; `base` removes the
 * rows (of one branch with LABEL@base). --purge starts from an empty table,
 * which also clears rows no revision file defines.
 */
import { RevisionError } from "../errors";
import type { RevisionGraph } from "../revisions/graph";
import { resolveTarget } from "../revisions/target";
import type { VersionRowChange } from "../revisions/version-rows";

export function stampRows(graph: RevisionGraph, current: readonly string[], targets: readonly string[], purge: boolean): string[] {
  let rows = purge ? [] : [...current];
  for (const id of rows) {
    if (!graph.has(id)) {
      throw new RevisionError(`the database is at revision ${id}, which no revision file defines`, {
        hint: "stamp --purge clears the version table first",
      });
    }
  }
  for (const text of targets) {
    const target = resolveTarget(graph, text, { current: rows });
    if (target.kind === "base") {
      const label = target.label;
      rows = label === undefined ? [] : rows.filter((id) => !graph.hasLabel(id, label));
      continue;
    }
    const related = new Set([...graph.ancestors(target.ids), ...graph.descendants(target.ids)]);
    rows = [...rows.filter((id) => !related.has(id)), ...target.ids];
  }
  // keep an antichain: a row another row already implies is not a head
  const unique = [...new Set(rows)];
  const implied = graph.ancestors(unique, { inclusive: false });
  return unique.filter((id) => !implied.has(id)).sort();
}

/** Deletes then inserts that turn `from` into `to`. */
export function rowChanges(from: readonly string[], to: readonly string[]): VersionRowChange[] {
  const target = new Set(to);
  const source = new Set(from);
  return [
    ...from.filter((id) => !target.has(id)).map((revision): VersionRowChange => ({ kind: "delete", revision })),
    ...to.filter((id) => !source.has(id)).map((revision): VersionRowChange => ({ kind: "insert", revision })),
  ];
}
