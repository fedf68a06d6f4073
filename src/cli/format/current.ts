import type { CurrentResult } from "../../commands/current";
import { formatInterruptions } from "./interrupted";
import { formatEntry, formatLogEntry } from "./revision-entry";

/** One line per version row (Alembic's `current`), or the full entries with --verbose. */
export function formatCurrent(result: CurrentResult, opts: { verbose?: boolean } = {}): string {
  const known = result.known.map((info) =>
    opts.verbose ? formatLogEntry(info) : formatEntry(info, { branches: true, headIndicators: true, tree: false }),
  );
  const unknown = result.unknown.map((id) => `${id} (no revision file defines it)`);
  // at base there is no row: say so rather than print nothing
  const rows = known.length + unknown.length === 0 ? ["base"] : [...known, ...unknown];
  return [...rows, ...formatInterruptions(result.interrupted)].join("\n");
}
