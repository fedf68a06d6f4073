/**
 * The checks that make a list of headers a valid graph. Each error names the
 * revision and the file, so a broken graph is one readable line.
 */
import { RevisionError } from "../errors";
import type { RevisionHeader } from "./types";

/** `@` `+` `-` `:` are target-grammar syntax (LABEL@head, REV+1, A:B). */
const FORBIDDEN_ID_CHARS = /[@+\-:]/;
/** Labels sit left of `@` and inside ranges. */
const FORBIDDEN_LABEL_CHARS = /[@:]/;

export function checkId(id: string, path: string): void {
  if (id.trim() === "" || /\s/.test(id)) {
    throw new RevisionError(`revision id ${JSON.stringify(id)} in ${path} is empty or contains whitespace`);
  }
  const bad = FORBIDDEN_ID_CHARS.exec(id);
  if (bad) {
    throw new RevisionError(`revision id "${id}" in ${path} contains the forbidden character "${bad[0]}"`, {
      hint: "revision ids may not contain @ + - : (they are target syntax)",
    });
  }
}

export function checkLabel(label: string, revision: string, path: string): void {
  const bad = FORBIDDEN_LABEL_CHARS.exec(label);
  if (label.trim() === "" || bad) {
    throw new RevisionError(
      `branch label ${JSON.stringify(label)} of revision ${revision} in ${path} is empty or contains "${bad?.[0] ?? " "}"`,
    );
  }
}

/** id -> header, refusing a duplicate id (naming both files). */
export function indexHeaders(headers: readonly RevisionHeader[]): Map<string, RevisionHeader> {
  const byId = new Map<string, RevisionHeader>();
  for (const header of headers) {
    checkId(header.revision, header.path);
    const other = byId.get(header.revision);
    if (other) {
      throw new RevisionError(`revision ${header.revision} is defined twice: in ${other.path} and in ${header.path}`, {
        hint: "give one of them a new id",
      });
    }
    byId.set(header.revision, header);
  }
  return byId;
}

/** label -> the revision declaring it, refusing a label declared twice or shadowing an id. */
export function indexLabels(byId: ReadonlyMap<string, RevisionHeader>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const header of byId.values()) {
    for (const label of header.branchLabels) {
      checkLabel(label, header.revision, header.path);
      const owner = labels.get(label);
      if (owner !== undefined && owner !== header.revision) {
        const ownerPath = byId.get(owner)?.path ?? "?";
        throw new RevisionError(
          `branch label "${label}" of revision ${header.revision} (${header.path}) is already used by revision ${owner} (${ownerPath})`,
        );
      }
      if (byId.has(label) && label !== header.revision) {
        throw new RevisionError(
          `branch label "${label}" of revision ${header.revision} (${header.path}) is also a revision id`,
        );
      }
      labels.set(label, header.revision);
    }
  }
  return labels;
}

export function checkParents(header: RevisionHeader, byId: ReadonlyMap<string, RevisionHeader>): void {
  const seen = new Set<string>();
  for (const parent of header.downRevisions) {
    if (parent === header.revision) {
      throw new RevisionError(`revision ${header.revision} in ${header.path} names itself as its downRevision`);
    }
    if (seen.has(parent)) {
      throw new RevisionError(`revision ${header.revision} in ${header.path} lists downRevision ${parent} twice`);
    }
    seen.add(parent);
    if (!byId.has(parent)) {
      throw new RevisionError(
        `revision ${header.revision} in ${header.path} has downRevision ${parent}, which does not exist`,
        { hint: "check the id, or restore the missing revision file" },
      );
    }
  }
}

/** dependsOn entries are ids or branch labels; both resolve to a revision id. */
export function resolveDependencies(
  header: RevisionHeader,
  byId: ReadonlyMap<string, RevisionHeader>,
  labels: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  for (const dep of header.dependsOn) {
    const id = byId.has(dep) ? dep : labels.get(dep);
    if (id === undefined) {
      throw new RevisionError(
        `revision ${header.revision} in ${header.path} depends on ${dep}, which is neither a revision nor a branch label`,
      );
    }
    if (id === header.revision) {
      throw new RevisionError(`revision ${header.revision} in ${header.path} depends on itself`);
    }
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * Kahn's algorithm over parent and dependency edges; whatever is left over
 * lies on or above a cycle. Following left-over predecessors from any of them
 * must revisit a node, and the loop from that node is the cycle reported.
 */
export function checkAcyclic(
  ids: readonly string[],
  predecessors: (id: string) => readonly string[],
  successors: (id: string) => readonly string[],
  pathOf: (id: string) => string,
): void {
  const inDegree = new Map<string, number>();
  for (const id of ids) inDegree.set(id, predecessors(id).length);
  const ready = ids.filter((id) => inDegree.get(id) === 0);
  let done = 0;
  while (ready.length > 0) {
    const id = ready.pop() as string;
    done++;
    for (const next of successors(id)) {
      const left = (inDegree.get(next) ?? 0) - 1;
      inDegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (done === ids.length) return;

  const start = ids.find((id) => (inDegree.get(id) ?? 0) > 0) as string;
  const order: string[] = [];
  const position = new Map<string, number>();
  let current = start;
  while (!position.has(current)) {
    position.set(current, order.length);
    order.push(current);
    current = predecessors(current).find((p) => (inDegree.get(p) ?? 0) > 0) as string;
  }
  const cycle = order.slice(position.get(current)).reverse();
  const described = cycle.map((id) => `${id} (${pathOf(id)})`).join(" -> ");
  throw new RevisionError(`revisions form a cycle: ${described} -> ${cycle[0]}`, {
    hint: "one of these files must name a different downRevision",
  });
}
