/** `migrator show REV`: header, path and body of the revision(s) a target names. */
import * as fs from "node:fs";
import type { ResolvedConfig } from "../config/types";
import { RevisionError } from "../errors";
import { type RevisionInfo, describe } from "../revisions/describe";
import { loadGraph } from "../revisions/load";
import { resolveRevisions } from "../revisions/target";

export interface ShownRevision extends RevisionInfo {
  /** The whole file as it is on disk. */
  readonly body: string;
}

export interface ShowResult {
  readonly revisions: readonly ShownRevision[];
}

export function show(config: ResolvedConfig, rev: string, opts: { current?: readonly string[] } = {}): ShowResult {
  const graph = loadGraph(config);
  const ids = resolveRevisions(graph, rev, { current: opts.current });
  if (ids.length === 0) throw new RevisionError(`${rev} names no revision (it is base)`);
  return {
    revisions: ids.map((id) => {
      const info = describe(graph, id);
      return { ...info, body: fs.readFileSync(info.path, "utf8") };
    }),
  };
}
