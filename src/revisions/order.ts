/**
 * Topological order of a subset of the graph. A stack (not a queue) of ready
 * revisions keeps each branch together: after a revision, its own successor
 * comes next when it is ready, so plans and history read branch by branch.
 */
export interface OrderEdges {
  /** Must be done before `id` (parents and dependencies, for an upgrade). */
  before(id: string): readonly string[];
  /** Wait for `id` (children and dependents, for an upgrade). */
  after(id: string): readonly string[];
  /** Stable tie-break among unrelated revisions. */
  rank(id: string): number;
}

export function topologicalOrder(subset: ReadonlySet<string>, edges: OrderEdges): string[] {
  const waiting = new Map<string, number>();
  for (const id of subset) {
    let n = 0;
    for (const b of edges.before(id)) if (subset.has(b)) n++;
    waiting.set(id, n);
  }
  const byRankDesc = (a: string, b: string): number => edges.rank(b) - edges.rank(a);
  const stack = [...subset].filter((id) => waiting.get(id) === 0).sort(byRankDesc);
  const out: string[] = [];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    out.push(id);
    const ready: string[] = [];
    for (const next of edges.after(id)) {
      if (!subset.has(next)) continue;
      const left = (waiting.get(next) as number) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
    stack.push(...ready.sort(byRankDesc));
  }
  return out;
}
