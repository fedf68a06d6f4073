/**
 * History ranges: `A:B`, `A:` (A up to the heads), `:B` (base up to B), where
 * each side is any target (`current` included). The revisions between, newest first.
 * As in Alembic, a bare `-N` on either side counts down from the heads and a
 * bare `+N` on the right counts up from the left side (`-2:` is the heads and
 * the two revisions below; `ae10:+1`), so a range never depends on the
 * database; `current-1:` counts from the current revisions.
 */
import { RevisionError } from "../errors";
import type { RevisionGraph } from "./graph";
import { type ResolveOptions, resolveTarget } from "./target";

export function resolveRange(graph: RevisionGraph, text: string | undefined, options: ResolveOptions = {}): string[] {
  if (text === undefined || text.trim() === "") return graph.downgradeOrder(new Set(graph.ids));
  const colon = text.indexOf(":");
  if (colon < 0 || text.indexOf(":", colon + 1) >= 0) {
    throw new RevisionError(`history range "${text}" must look like A:B, A: or :B`);
  }
  const lowerText = text.slice(0, colon).trim() || "base";
  const upperText = text.slice(colon + 1).trim() || "heads";
  const lower = resolveTarget(graph, lowerText, { ...options, relativeFrom: graph.heads });
  const fromLower = /^\+\d+$/.test(upperText) ? (lower.kind === "base" ? [] : lower.ids) : graph.heads;
  const upper = resolveTarget(graph, upperText, { ...options, relativeFrom: fromLower });
  if (upper.kind === "base") return [];

  let selected = graph.ancestors(upper.ids);
  if (lower.kind === "revisions") {
    for (const id of lower.ids) {
      if (!selected.has(id)) {
        throw new RevisionError(`history range "${text}": ${id} is not an ancestor of ${upper.ids.join(", ")}`);
      }
    }
    const above = graph.descendants(lower.ids);
    selected = new Set([...selected].filter((id) => above.has(id)));
  } else if (lower.label !== undefined) {
    const label = lower.label;
    selected = new Set([...selected].filter((id) => graph.hasLabel(id, label)));
  }
  return graph.downgradeOrder(selected);
}
