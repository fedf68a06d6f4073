/** `migrator merge REV... -m MSG`: a revision whose downRevision is the given revisions. */
import * as fs from "node:fs";
import type { ResolvedConfig } from "../config/types";
import { RevisionError } from "../errors";
import { loadGraph } from "../revisions/load";
import { resolveRevisions } from "../revisions/target";
import { type RevisionResult, versionFolder, writeNewRevision } from "./revision";

export interface MergeOptions {
  /** Targets; `heads` expands to every head. */
  readonly revisions: readonly string[];
  readonly message: string;
  readonly branchLabel?: string | readonly string[];
  readonly revId?: string;
  /** Write the merge as an .sql revision (it runs nothing either way). */
  readonly sqlFile?: boolean;
  readonly date?: Date;
}

export function merge(config: ResolvedConfig, opts: MergeOptions): RevisionResult {
  const folder = versionFolder(config);
  fs.mkdirSync(folder, { recursive: true });
  const graph = loadGraph(config);
  const parents: string[] = [];
  for (const target of opts.revisions.length > 0 ? opts.revisions : ["heads"]) {
    for (const id of resolveRevisions(graph, target)) if (!parents.includes(id)) parents.push(id);
  }
  if (parents.length < 2) {
    throw new RevisionError(`merge needs at least two revisions, got ${parents.join(", ") || "none"}`, {
      hint: "there is nothing to merge while the graph has a single head",
    });
  }
  for (const id of parents) {
    const below = graph.ancestors(parents.filter((p) => p !== id), { inclusive: false, dependencies: false });
    if (below.has(id)) {
      throw new RevisionError(`cannot merge ${id}: it is already an ancestor of another revision being merged`);
    }
  }
  return writeNewRevision(config, graph, folder, {
    message: opts.message,
    parents,
    branchLabel: opts.branchLabel,
    revId: opts.revId,
    sqlFile: opts.sqlFile,
    date: opts.date,
  });
}
