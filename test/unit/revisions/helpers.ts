import type { RevisionHeader } from "../../../src/revisions/types";
import { RevisionGraph } from "../../../src/revisions/graph";

/** A hand-made header; its path is `<id>.ts` so messages can be checked for the file. */
export function rev(
  revision: string,
  down: string | readonly string[] | null,
  extra: Partial<Omit<RevisionHeader, "revision" | "downRevisions">> = {},
): RevisionHeader {
  return {
    revision,
    downRevisions: down === null ? [] : typeof down === "string" ? [down] : [...down],
    branchLabels: [],
    dependsOn: [],
    message: `message of ${revision}`,
    path: `migrations/${revision}.ts`,
    ...extra,
  };
}

/**
 *   a -> b -> c -> d(feat) -> e          second root: x(other) -> y -> z
 *             \-> f -> g                 y depends on b, z depends on label feat (d)
 */
export function branchy(): RevisionGraph {
  return RevisionGraph.build([
    rev("a", null),
    rev("b", "a"),
    rev("c", "b"),
    rev("d", "c", { branchLabels: ["feat"] }),
    rev("e", "d"),
    rev("f", "c"),
    rev("g", "f"),
    rev("x", null, { branchLabels: ["other"] }),
    rev("y", "x", { dependsOn: ["b"] }),
    rev("z", "y", { dependsOn: ["feat"] }),
  ]);
}

/**
 *   a -> b -> c -> m -> n
 *         \-> d -/
 */
export function merged(): RevisionGraph {
  return RevisionGraph.build([
    rev("a", null),
    rev("b", "a"),
    rev("c", "b"),
    rev("d", "b"),
    rev("m", ["c", "d"]),
    rev("n", "m"),
  ]);
}

export function linear(n: number): RevisionGraph {
  const headers: RevisionHeader[] = [];
  for (let i = 0; i < n; i++) headers.push(rev(`r${i}`, i === 0 ? null : `r${i - 1}`));
  return RevisionGraph.build(headers);
}
