/**
 * Upgrade and downgrade plans, after Alembic's iterate_revisions:
 *  - upgrade to T runs every ancestor of T (dependencies included) that is not
 *    already an ancestor of the current rows, parents first;
 *  - downgrade to T reverts every applied descendant of T, newest first, but
 *    never T or its ancestors (so downgrading a merge leaves both parents);
 *    `base` reverts everything, `LABEL@base` everything on that branch.
 * Each step carries its version-table changes (see version-rows.ts).
 */
import { RevisionError } from "../errors";
import type { RevisionGraph } from "./graph";
import { type ResolveOptions, resolveTarget } from "./target";
import { type Direction, type VersionRowChange, applyVersionRowChanges, versionRowChanges } from "./version-rows";

export interface PlanStep {
  readonly revision: string;
  readonly direction: Direction;
  /** The revision file (the runner imports it). */
  readonly path: string;
  readonly versionChanges: readonly VersionRowChange[];
}

export interface Plan {
  readonly steps: readonly PlanStep[];
  /** Version rows before and after the whole plan. */
  readonly rowsBefore: readonly string[];
  readonly rowsAfter: readonly string[];
}

export function planUpgrade(graph: RevisionGraph, current: readonly string[], target: string): Plan {
  if (/-\d+$/.test(target.trim())) {
    throw new RevisionError(`upgrade ${target}: a relative step down is a downgrade`, { hint: `migrator downgrade ${target}` });
  }
  checkCurrent(graph, current);
  const options: ResolveOptions = { current };
  const resolved = resolveTarget(graph, target, options);
  if (resolved.kind === "base") return simulate(graph, current, [], "up");
  const have = graph.ancestors(current);
  const needed = new Set([...graph.ancestors(resolved.ids)].filter((id) => !have.has(id)));
  return simulate(graph, current, graph.upgradeOrder(needed), "up");
}

export function planDowngrade(graph: RevisionGraph, current: readonly string[], target: string): Plan {
  if (/^[^@]*\+\d+$/.test(target.trim()) || /@\+\d+$/.test(target.trim())) {
    throw new RevisionError(`downgrade ${target}: a relative step up is an upgrade`, { hint: `migrator upgrade ${target}` });
  }
  checkCurrent(graph, current);
  const resolved = resolveTarget(graph, target, { current });
  const have = graph.ancestors(current);
  let remove: Set<string>;
  if (resolved.kind === "base") {
    const label = resolved.label;
    if (label === undefined) {
      remove = have;
    } else {
      const members = graph.ids.filter((id) => graph.hasLabel(id, label));
      remove = new Set([...graph.descendants(members)].filter((id) => have.has(id)));
    }
  } else {
    for (const id of resolved.ids) {
      if (!have.has(id)) {
        throw new RevisionError(
          `downgrade ${target}: revision ${id} is not applied (current: ${current.join(", ") || "base"})`,
          { hint: "downgrade only moves below the current revisions; use upgrade to go forward" },
        );
      }
    }
    const keep = graph.ancestors(resolved.ids);
    remove = new Set([...graph.descendants(resolved.ids)].filter((id) => have.has(id) && !keep.has(id)));
  }
  return simulate(graph, current, graph.downgradeOrder(remove), "down");
}

function checkCurrent(graph: RevisionGraph, current: readonly string[]): void {
  for (const id of current) {
    if (!graph.has(id)) {
      throw new RevisionError(`the database is at revision ${id}, which no revision file defines`, {
        hint: "restore the file, or use `migrator stamp` to set the version table",
      });
    }
  }
}

function simulate(graph: RevisionGraph, current: readonly string[], order: readonly string[], direction: Direction): Plan {
  let rows: Set<string> = new Set(current);
  const steps: PlanStep[] = [];
  for (const revision of order) {
    const versionChanges = versionRowChanges(graph, rows, revision, direction);
    rows = applyVersionRowChanges(rows, versionChanges);
    steps.push({ revision, direction, path: graph.get(revision).path, versionChanges });
  }
  return { steps, rowsBefore: [...current], rowsAfter: [...rows] };
}
