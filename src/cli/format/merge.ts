import type { RevisionResult } from "../../commands/revision";
import { formatRevision } from "./revision";

/** A merge is a revision file like any other. */
export function formatMerge(result: RevisionResult, opts: { verbose?: boolean } = {}): string {
  return formatRevision(result, opts);
}
