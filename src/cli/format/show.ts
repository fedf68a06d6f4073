import type { ShowResult } from "../../commands/show";
import { formatLogEntry } from "./revision-entry";

/** The log entry, then the file as it is. */
export function formatShow(result: ShowResult, _opts: { verbose?: boolean } = {}): string {
  return result.revisions
    .map((r) => `${formatLogEntry(r)}\n${r.body.endsWith("\n") ? r.body : `${r.body}\n`}`)
    .join("\n");
}
