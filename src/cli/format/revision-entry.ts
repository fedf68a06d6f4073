/**
 * Alembic's two ways to print a revision: the one-line entry
 * (`<parents> -> <rev> (labels) (head), message`) and the verbose log entry.
 */
import type { RevisionInfo } from "../../revisions/describe";

export interface EntryParts {
  /** `<parents> -> ` before the id. */
  readonly parents?: boolean;
  /** ` (label, ...)` after the id. */
  readonly branches?: boolean;
  /** (head) / (effective head) / (current). */
  readonly headIndicators?: boolean;
  /** (branchpoint) / (mergepoint). */
  readonly tree?: boolean;
  /** `, message` at the end. */
  readonly doc?: boolean;
}

export function formatParents(info: RevisionInfo): string {
  return info.downRevisions.length === 0 ? "<base>" : info.downRevisions.join(", ");
}

export function formatEntry(info: RevisionInfo, parts: EntryParts): string {
  let text = info.revision;
  if (parts.parents) {
    const deps = info.dependsOn.length > 0 ? ` (${info.dependsOn.join(", ")})` : "";
    text = `${formatParents(info)}${deps} -> ${text}`;
  }
  if (parts.branches && info.branchLabels.length > 0) text += ` (${info.branchLabels.join(", ")})`;
  if (parts.headIndicators ?? true) {
    if (info.isRealHead) text += " (head)";
    else if (info.isHead) text += " (effective head)";
    if (info.isCurrent) text += " (current)";
  }
  if (parts.tree ?? true) {
    if (info.isBranchPoint) text += " (branchpoint)";
    if (info.isMergePoint) text += " (mergepoint)";
  }
  if (parts.doc) text += `, ${info.message}`;
  return text;
}

export function formatLogEntry(info: RevisionInfo): string {
  const flags = [
    info.isHead ? " (head)" : "",
    info.isBranchPoint ? " (branchpoint)" : "",
    info.isMergePoint ? " (mergepoint)" : "",
    info.isCurrent ? " (current)" : "",
  ].join("");
  const lines = [`Rev: ${info.revision}${flags}`];
  lines.push(`${info.isMergePoint ? "Merges" : "Parent"}: ${formatParents(info)}`);
  if (info.dependsOn.length > 0) lines.push(`Also depends on: ${info.dependsOn.join(", ")}`);
  if (info.isBranchPoint) lines.push(`Branches into: ${info.children.join(", ")}`);
  if (info.branchLabels.length > 0) lines.push(`Branch names: ${info.branchLabels.join(", ")}`);
  lines.push(`Path: ${info.path}`);
  lines.push("");
  for (const line of info.docstring.split("\n")) lines.push(line === "" ? "" : `    ${line}`);
  return `${lines.join("\n")}\n`;
}
