/**
 * A revision as the listing commands report it (and --json prints it):
 * the header plus its place in the graph.
 */
import type { RevisionGraph } from "./graph";

export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  /** dependsOn resolved to revision ids. */
  readonly dependsOn: readonly string[];
  /** Declared and inherited labels. */
  readonly branchLabels: readonly string[];
  readonly children: readonly string[];
  /** No revision names it as downRevision. */
  readonly isHead: boolean;
  /** A head nothing depends on either (an "effective head" is a head that is not real). */
  readonly isRealHead: boolean;
  readonly isBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** Set when the caller knows the current revisions. */
  readonly isCurrent?: boolean;
  readonly message: string;
  readonly docstring: string;
  readonly path: string;
  readonly createDate?: string;
}

export function describe(graph: RevisionGraph, id: string, current?: ReadonlySet<string>): RevisionInfo {
  const node = graph.get(id);
  return {
    revision: id,
    downRevisions: node.parents,
    dependsOn: node.dependencies,
    branchLabels: node.branchLabels,
    children: node.children,
    isHead: node.children.length === 0,
    isRealHead: node.children.length === 0 && node.dependents.length === 0,
    isBase: node.parents.length === 0,
    isBranchPoint: node.children.length > 1,
    isMergePoint: node.parents.length > 1,
    ...(current ? { isCurrent: current.has(id) } : {}),
    message: node.header.message,
    docstring: node.header.docstring ?? node.header.message,
    path: node.path,
    ...(node.header.createDate ? { createDate: node.header.createDate } : {}),
  };
}
