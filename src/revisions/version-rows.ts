/**
 * How one step changes the version table (one row per current head), after
 * Alembic's rules:
 *  - upgrade a base, or a revision none of whose parents is a row: insert it
 *    (a new root, or a new branch off a revision that is not a row any more);
 *  - upgrade a merge whose parents are several rows: delete all of those but
 *    the last, update the last to the merge;
 *  - otherwise upgrade: update the parent's row to the revision;
 *  - downgrade a revision whose parents are all still below other rows, or a
 *    base: delete its row;
 *  - downgrade a merge to several parents: update it to the last, insert the rest;
 *  - otherwise downgrade: update the row back to the parent.
 * "Parents" here are the normalized down revisions: downRevision plus
 * dependsOn, less those already implied by another of them.
 * Pure functions: the runner only applies the changes, in order.
 */
import { RevisionError } from "../errors";
import type { Direction, VersionRowChange } from "../dialect/runtime";
import type { RevisionGraph } from "./graph";

// the words the runtime and each dialect's version-table SQL share
export type { Direction, VersionRowChange };

/**
 * Parents plus dependencies, less any of them that another one already
 * implies (is its ancestor), so the rows stay an antichain. Alembic drops only
 * dependencies its ancestors declared; this also covers a parent that a
 * dependency descends from.
 */
export function normalizedDownRevisions(graph: RevisionGraph, id: string): string[] {
  const node = graph.get(id);
  if (node.dependencies.length === 0 && node.parents.length <= 1) return [...node.parents];
  const all = [...new Set([...node.parents, ...node.dependencies])];
  return all.filter((x) => !graph.ancestors(all.filter((y) => y !== x), { inclusive: false }).has(x));
}

/** Which of `candidates` are not already implied by the rows other than `self`. */
function notBelowOtherRows(
  graph: RevisionGraph,
  rows: ReadonlySet<string>,
  self: string,
  candidates: readonly string[],
): string[] {
  const others = [...rows].filter((r) => r !== self);
  if (others.length === 0) return [...candidates];
  const below = graph.ancestors(others);
  return candidates.filter((c) => !below.has(c));
}

export function versionRowChanges(
  graph: RevisionGraph,
  rows: ReadonlySet<string>,
  revision: string,
  direction: Direction,
): VersionRowChange[] {
  const down = normalizedDownRevisions(graph, revision);
  if (direction === "up") {
    if (rows.has(revision)) {
      throw new RevisionError(`revision ${revision} is already in the version table`);
    }
    const present = down.filter((d) => rows.has(d));
    if (present.length === 0) return [{ kind: "insert", revision }];
    if (present.length === 1) return [{ kind: "update", from: present[0] as string, to: revision }];
    const last = present[present.length - 1] as string;
    return [
      ...present.slice(0, -1).map((r): VersionRowChange => ({ kind: "delete", revision: r })),
      { kind: "update", from: last, to: revision },
    ];
  }

  if (!rows.has(revision)) {
    throw new RevisionError(`revision ${revision} is not in the version table, so it cannot be downgraded`);
  }
  if (down.length === 0) return [{ kind: "delete", revision }];
  const to = notBelowOtherRows(graph, rows, revision, down);
  if (to.length === 0) return [{ kind: "delete", revision }];
  const last = to[to.length - 1] as string;
  return [
    { kind: "update", from: revision, to: last },
    ...to.slice(0, -1).map((r): VersionRowChange => ({ kind: "insert", revision: r })),
  ];
}

/** The rows after applying `changes` (for simulating a plan). */
export function applyVersionRowChanges(rows: ReadonlySet<string>, changes: readonly VersionRowChange[]): Set<string> {
  const next = new Set(rows);
  for (const change of changes) {
    switch (change.kind) {
      case "insert":
        next.add(change.revision);
        break;
      case "delete":
        next.delete(change.revision);
        break;
      case "update":
        next.delete(change.from);
        next.add(change.to);
        break;
    }
  }
  return next;
}
