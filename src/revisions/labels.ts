/**
 * Branch labels apply along the branch, as in Alembic: a label declared on a
 * revision also belongs to all its descendants, and to its ancestors down to
 * (not including) the nearest branch point or merge point.
 */
interface LabelSource {
  readonly id: string;
  readonly declared: readonly string[];
}

export function spreadLabels(
  sources: readonly LabelSource[],
  parentsOf: (id: string) => readonly string[],
  childrenOf: (id: string) => readonly string[],
): Map<string, Set<string>> {
  const labels = new Map<string, Set<string>>();
  const add = (id: string, values: readonly string[]): void => {
    let set = labels.get(id);
    if (!set) labels.set(id, (set = new Set()));
    for (const v of values) set.add(v);
  };

  for (const { id, declared } of sources) {
    if (declared.length === 0) continue;
    // descendants, the labelled revision included
    const seen = new Set<string>([id]);
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      add(current, declared);
      for (const child of childrenOf(current)) {
        if (!seen.has(child)) {
          seen.add(child);
          stack.push(child);
        }
      }
    }
    // ancestors along a single line, stopping before a branch or merge point
    let current = id;
    while (parentsOf(current).length === 1 && childrenOf(current).length <= 1) {
      const parent = parentsOf(current)[0] as string;
      if (childrenOf(parent).length > 1 || parentsOf(parent).length > 1) break;
      add(parent, declared);
      current = parent;
    }
  }
  return labels;
}
