/**
 * `downgrade -N`: revert the revision at the single current row, N times.
 * The target resolver walks to a revision and (rightly) calls a walk down
 * through a merge point ambiguous; stepping down by reverting the row instead
 * is Alembic's behaviour: `downgrade -1` at a merge leaves both parents as
 * rows. Several current rows are still ambiguous (which one to revert?).
 */
import { RevisionError } from "../errors";
import type { RevisionGraph } from "../revisions/graph";
import type { Plan, PlanStep } from "../revisions/plan";
import { applyVersionRowChanges, versionRowChanges } from "../revisions/version-rows";

const PLAIN_RELATIVE_DOWN = /^-(\d+)$/;

/** The count of a plain `-N` target, else undefined. */
export function relativeDownCount(target: string): number | undefined {
  const match = PLAIN_RELATIVE_DOWN.exec(target.trim());
  return match ? Number(match[1]) : undefined;
}

export function planRelativeDowngrade(graph: RevisionGraph, current: readonly string[], count: number, text: string): Plan {
  let rows = new Set(current);
  const steps: PlanStep[] = [];
  for (let done = 0; done < count; done++) {
    const row = [...rows];
    if (row.length === 0) throw new RevisionError(`downgrade ${text}: reached base after ${done} step(s)`);
    if (row.length > 1) {
      throw new RevisionError(`downgrade ${text} is ambiguous: after ${done} step(s) the database is at several revisions (${row.sort().join(", ")})`, {
        hint: "downgrade to a revision id, or LABEL@-N",
      });
    }
    const revision = row[0] as string;
    if (!graph.has(revision)) {
      throw new RevisionError(`the database is at revision ${revision}, which no revision file defines`, {
        hint: "restore the file, or use `migrator stamp` to set the version table",
      });
    }
    const versionChanges = versionRowChanges(graph, rows, revision, "down");
    rows = applyVersionRowChanges(rows, versionChanges);
    steps.push({ revision, direction: "down", path: graph.get(revision).path, versionChanges });
  }
  return { steps, rowsBefore: [...current], rowsAfter: [...rows] };
}
