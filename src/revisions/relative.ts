/**
 * Relative steps (`+N`, `-N`, `REV+N`, `LABEL@-N`): walk N versioned edges up
 * or down from one revision (or from base). A step with more than one way to
 * go is an ambiguity error naming the ways, never a silent pick.
 */
import { RevisionError } from "../errors";
import type { RevisionGraph } from "./graph";

/** Restricts a walk to one branch: `reach` holds its members and their ancestors. */
export interface Branch {
  readonly name: string;
  member(id: string): boolean;
  reach(): ReadonlySet<string>;
}

export function describeRevision(graph: RevisionGraph, id: string): string {
  const labels = graph.get(id).branchLabels;
  return labels.length > 0 ? `${id} (${labels.join(", ")})` : id;
}

function list(graph: RevisionGraph, ids: readonly string[]): string {
  return ids.map((id) => describeRevision(graph, id)).join(", ");
}

/**
 * `start` empty means base. Returns the revision reached, or [] for base.
 * `expr` is the user's text, quoted in every error.
 */
export function walkRelative(
  graph: RevisionGraph,
  start: readonly string[],
  steps: number,
  expr: string,
  branch?: Branch,
): string[] {
  const onBranch = (id: string): boolean => branch === undefined || branch.reach().has(id);
  const suggestion = branch ? "give a revision id" : "use LABEL@+N / LABEL@-N or a revision id";
  let current = [...start];
  for (let done = 0; done < Math.abs(steps); done++) {
    if (current.length > 1) {
      throw new RevisionError(`${expr} is ambiguous: it starts from several revisions (${list(graph, current)})`, {
        hint: suggestion,
      });
    }
    const from = current[0];
    if (steps > 0) {
      const next = (from === undefined ? graph.bases : graph.get(from).children).filter(onBranch);
      if (next.length === 0) {
        const where = from === undefined ? "base: there are no revisions" : `${from}: it is a head`;
        throw new RevisionError(`${expr}: cannot move ${steps} step(s) up, stopped after ${done} at ${where}`);
      }
      if (next.length > 1) {
        const what = from === undefined ? "there are several bases" : `${from} is a branch point`;
        throw new RevisionError(`${expr} is ambiguous: ${what} into ${list(graph, next)}`, { hint: suggestion });
      }
      current = next;
    } else {
      if (from === undefined) {
        throw new RevisionError(`${expr}: cannot move ${-steps} step(s) down, reached base after ${done}`);
      }
      const next = graph.get(from).parents.filter(onBranch);
      if (next.length > 1) {
        throw new RevisionError(`${expr} is ambiguous: ${from} is a merge point of ${list(graph, next)}`, {
          hint: suggestion,
        });
      }
      current = next;
    }
  }
  return current;
}
