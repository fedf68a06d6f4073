/**
 * The one resolver for the target grammar every command uses:
 *   head | heads | base | current | ID | ID-PREFIX | LABEL
 *   +N | -N (from the current revisions) | REV+N | REV-N
 *   LABEL@head | LABEL@heads | LABEL@base | LABEL@+N | LABEL@-N | LABEL@REV
 * (`REV@head` works too: the heads descending from REV.) History ranges are
 * `A:B`, `A:` and `:B` over the same forms.
 */
import { RevisionError } from "../errors";
import { closestWord } from "../errors/closest";
import type { RevisionGraph } from "./graph";
import { type Branch, describeRevision, walkRelative } from "./relative";

export type Target =
  /** Nothing applied (on `label`'s branch only, when given). */
  | { readonly kind: "base"; readonly label?: string }
  | { readonly kind: "revisions"; readonly ids: readonly string[]; readonly label?: string };

export interface ResolveOptions {
  /** The revisions the database is at (version table rows); needed by `+N`, `-N`, `current`. */
  readonly current?: readonly string[];
  /** Where a bare `+N` / `-N` starts instead of the current revisions ([] is base): history ranges count from the heads. */
  readonly relativeFrom?: readonly string[];
}

const RELATIVE = /^([+-])(\d+)$/;
/** The words a target may be, for "did you mean". */
const TARGET_WORDS = ["head", "heads", "base", "current"];
const ANCHORED_RELATIVE = /^(.+?)([+-])(\d+)$/;

export function resolveTarget(graph: RevisionGraph, text: string, options: ResolveOptions = {}): Target {
  const expr = text.trim();
  if (expr === "") throw new RevisionError("empty revision target");
  const at = expr.indexOf("@");
  if (at >= 0) return resolveOnBranch(graph, expr.slice(0, at), expr.slice(at + 1), expr, options);
  return resolvePlain(graph, expr, expr, options);
}

/** The ids a target stands for ([] for base). */
export function resolveRevisions(graph: RevisionGraph, text: string, options: ResolveOptions = {}): string[] {
  const target = resolveTarget(graph, text, options);
  return target.kind === "base" ? [] : [...target.ids];
}

function resolvePlain(
  graph: RevisionGraph,
  expr: string,
  whole: string,
  options: ResolveOptions,
  branch?: Branch,
): Target {
  const inBranch = (ids: readonly string[]): string[] => (branch ? ids.filter((id) => branch.member(id)) : [...ids]);
  const label = branch?.name;
  switch (expr) {
    case "base":
      return { kind: "base", label };
    case "heads":
      return { kind: "revisions", ids: inBranch(graph.heads), label };
    case "head":
      return { kind: "revisions", ids: [singleHead(graph, inBranch(graph.heads), whole, branch)], label };
    case "current": {
      const current = requireCurrent(graph, options, whole);
      const ids = inBranch(current);
      return ids.length === 0 ? { kind: "base", label } : { kind: "revisions", ids, label };
    }
  }
  const relative = RELATIVE.exec(expr);
  if (relative) {
    let start = options.relativeFrom !== undefined ? [...options.relativeFrom] : requireCurrent(graph, options, whole);
    if (branch) {
      start = relative[1] === "+" ? start.filter((id) => branch.reach().has(id)) : start.filter(branch.member);
    }
    return fromWalk(walkRelative(graph, start, signed(relative), whole, branch), label);
  }
  // a label may contain "-" ("release-2"): an exact label or id wins over REV-N
  const anchored = graph.has(expr) || graph.labelOwner(expr) !== undefined ? null : ANCHORED_RELATIVE.exec(expr);
  if (anchored) {
    const anchor = resolvePlain(graph, anchored[1] as string, whole, options, branch);
    const start = anchor.kind === "base" ? [] : anchor.ids;
    return fromWalk(walkRelative(graph, start, signed(anchored.slice(1) as string[]), whole, branch), label);
  }
  const id = lookupRevision(graph, expr);
  if (branch && !branch.member(id)) {
    throw new RevisionError(`${whole}: revision ${describeRevision(graph, id)} is not on branch ${branch.name}`);
  }
  return { kind: "revisions", ids: [id], label };
}

function resolveOnBranch(
  graph: RevisionGraph,
  name: string,
  rest: string,
  whole: string,
  options: ResolveOptions,
): Target {
  if (name === "") throw new RevisionError(`${whole}: missing branch label before @`);
  const branch = branchFor(graph, name, whole);
  const result = resolvePlain(graph, rest === "" ? "heads" : rest, whole, options, branch);
  if (result.kind === "revisions" && result.ids.length === 0) {
    throw new RevisionError(`${whole}: branch ${name} has no such revision`);
  }
  return result;
}

/** A declared label, or a revision (its ancestors and descendants form the branch). */
function branchFor(graph: RevisionGraph, name: string, whole: string): Branch {
  let reach: Set<string> | undefined;
  if (graph.labelOwner(name) !== undefined) {
    return {
      name,
      member: (id) => graph.hasLabel(id, name),
      reach: () => (reach ??= graph.ancestors(graph.ids.filter((id) => graph.hasLabel(id, name)))),
    };
  }
  let anchor: string;
  try {
    anchor = lookupRevision(graph, name);
  } catch {
    throw new RevisionError(`${whole}: no branch label or revision "${name}"`, {
      hint: graph.labels.length > 0 ? `branch labels: ${graph.labels.join(", ")}` : "no revision declares a branch label",
    });
  }
  let members: Set<string> | undefined;
  const line = (): Set<string> =>
    (members ??= new Set([...graph.ancestors([anchor]), ...graph.descendants([anchor])]));
  return { name, member: (id) => line().has(id), reach: () => (reach ??= graph.ancestors(graph.descendants([anchor]))) };
}

function singleHead(graph: RevisionGraph, heads: readonly string[], whole: string, branch?: Branch): string {
  if (heads.length === 1) return heads[0] as string;
  if (heads.length === 0) {
    throw new RevisionError(branch ? `${whole}: branch ${branch.name} has no head` : `${whole}: there are no revisions`);
  }
  const named = heads.map((id) => describeRevision(graph, id)).join(", ");
  const labelled = heads.flatMap((id) => graph.get(id).branchLabels.map((l) => `${l}@head`));
  throw new RevisionError(`${whole}: there are several heads: ${named}`, {
    hint: `use "heads"${labelled.length > 0 ? `, ${labelled.join(", ")}` : ", LABEL@head"}, a revision id, or merge them (migrator merge heads -m MSG)`,
  });
}

function requireCurrent(graph: RevisionGraph, options: ResolveOptions, whole: string): string[] {
  if (options.current === undefined) {
    throw new RevisionError(`${whole} is relative to the current revisions, which are not known here`, {
      hint: "give an explicit revision",
    });
  }
  for (const id of options.current) {
    if (!graph.has(id)) {
      throw new RevisionError(`the database is at revision ${id}, which no revision file defines`, {
        hint: "restore the file, or use `migrator stamp` to set the version table",
      });
    }
  }
  return [...options.current];
}

/** A full id, a branch label (its declaring revision), or an unambiguous id prefix. */
export function lookupRevision(graph: RevisionGraph, text: string): string {
  if (graph.has(text)) return text;
  const owner = graph.labelOwner(text);
  if (owner !== undefined) return owner;
  const matches = graph.ids.filter((id) => id.startsWith(text));
  if (matches.length === 1) return matches[0] as string;
  if (matches.length > 1) {
    const shown = matches.slice(0, 10).map((id) => `${id} (${graph.get(id).path})`);
    const more = matches.length > 10 ? `, and ${matches.length - 10} more` : "";
    throw new RevisionError(`revision prefix "${text}" is ambiguous: ${shown.join(", ")}${more}`, {
      hint: "give more characters of the id",
    });
  }
  const guess = closestWord(text, [...TARGET_WORDS, ...graph.labels]);
  throw new RevisionError(`no revision or branch label "${text}"`, {
    hint: guess ? `did you mean "${guess}"?` : text.length < 4 ? "give at least 4 characters of a revision id" : undefined,
  });
}

/** [_, sign, digits] -> the signed step count. */
function signed(match: readonly string[]): number {
  return (match[1] === "-" ? -1 : 1) * Number(match[2]);
}

function fromWalk(ids: readonly string[], label?: string): Target {
  return ids.length === 0 ? { kind: "base", label } : { kind: "revisions", ids, label };
}
