export type { RevisionHeader, RevisionNode } from "./types";
export { RevisionGraph, buildGraph, type WalkOptions } from "./graph";
export { resolveTarget, resolveRevisions, lookupRevision, type Target, type ResolveOptions } from "./target";
export { resolveRange } from "./range";
export { planUpgrade, planDowngrade, type Plan, type PlanStep } from "./plan";
export {
  versionRowChanges,
  applyVersionRowChanges,
  normalizedDownRevisions,
  type VersionRowChange,
  type Direction,
} from "./version-rows";
export { scanRevisionFolders, scanRevisionFile, parseRevisionHeader, listRevisionFiles, isRevisionFileName } from "./scan";
export { renderRevision, writeRevisionFile, tsLiteral, PACKAGED_TEMPLATE, type RevisionFileContent } from "./write";
export { newRevisionId, slugify, revisionFileName, formatCreateDate } from "./naming";
export { describe, type RevisionInfo } from "./describe";
export { loadGraph } from "./load";
