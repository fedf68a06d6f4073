/**
 * The revision graph: a pure, immutable structure built once from headers in
 * linear time (Maps keyed by id; labels spread along their branch). No file
 * system, no database, so every corner is unit-testable on hand-made headers.
 */
import { RevisionError } from "../errors";
import {
  checkAcyclic,
  checkParents,
  indexHeaders,
  indexLabels,
  resolveDependencies,
} from "./graph-checks";
import { spreadLabels } from "./labels";
import { topologicalOrder } from "./order";
import type { RevisionHeader, RevisionNode } from "./types";

export interface WalkOptions {
  /** Include the starting revisions themselves (default true). */
  readonly inclusive?: boolean;
  /** Follow dependsOn edges too (default true). */
  readonly dependencies?: boolean;
}

const NONE: readonly string[] = [];

export class RevisionGraph {
  /** Ids in input order. */
  readonly ids: readonly string[];
  /** Revisions no revision names as downRevision (Alembic's heads). */
  readonly heads: readonly string[];
  /** Heads that nothing depends on either. */
  readonly realHeads: readonly string[];
  /** Revisions with no downRevision. */
  readonly bases: readonly string[];
  readonly branchPoints: readonly string[];
  readonly mergePoints: readonly string[];

  private constructor(
    private readonly nodes: ReadonlyMap<string, RevisionNode>,
    private readonly labelOwners: ReadonlyMap<string, string>,
  ) {
    const all = [...nodes.values()];
    this.ids = all.map((n) => n.id);
    this.heads = all.filter((n) => n.children.length === 0).map((n) => n.id);
    this.realHeads = all.filter((n) => n.children.length === 0 && n.dependents.length === 0).map((n) => n.id);
    this.bases = all.filter((n) => n.parents.length === 0).map((n) => n.id);
    this.branchPoints = all.filter((n) => n.children.length > 1).map((n) => n.id);
    this.mergePoints = all.filter((n) => n.parents.length > 1).map((n) => n.id);
  }

  static build(headers: readonly RevisionHeader[]): RevisionGraph {
    const byId = indexHeaders(headers);
    const labelOwners = indexLabels(byId);
    const children = new Map<string, string[]>();
    const dependents = new Map<string, string[]>();
    const dependencies = new Map<string, string[]>();
    const push = (map: Map<string, string[]>, key: string, value: string): void => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const header of byId.values()) {
      checkParents(header, byId);
      const deps = resolveDependencies(header, byId, labelOwners);
      dependencies.set(header.revision, deps);
      for (const parent of header.downRevisions) push(children, parent, header.revision);
      for (const dep of deps) push(dependents, dep, header.revision);
    }
    const ids = [...byId.keys()];
    checkAcyclic(
      ids,
      (id) => [...(byId.get(id)?.downRevisions ?? NONE), ...(dependencies.get(id) ?? NONE)],
      (id) => [...(children.get(id) ?? NONE), ...(dependents.get(id) ?? NONE)],
      (id) => byId.get(id)?.path ?? "?",
    );
    const labels = spreadLabels(
      [...byId.values()].map((h) => ({ id: h.revision, declared: h.branchLabels })),
      (id) => byId.get(id)?.downRevisions ?? NONE,
      (id) => children.get(id) ?? NONE,
    );
    const nodes = new Map<string, RevisionNode>();
    ids.forEach((id, index) => {
      const header = byId.get(id) as RevisionHeader;
      nodes.set(id, {
        header,
        id,
        path: header.path,
        parents: header.downRevisions,
        dependencies: dependencies.get(id) ?? NONE,
        children: children.get(id) ?? NONE,
        dependents: dependents.get(id) ?? NONE,
        branchLabels: [...(labels.get(id) ?? [])].sort(),
        index,
      });
    });
    return new RevisionGraph(nodes, labelOwners);
  }

  get size(): number {
    return this.nodes.size;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  find(id: string): RevisionNode | undefined {
    return this.nodes.get(id);
  }

  /** A node known to exist (an id that came out of this graph). */
  get(id: string): RevisionNode {
    const node = this.nodes.get(id);
    if (!node) throw new RevisionError(`no revision ${id} in the graph`);
    return node;
  }

  /** The revision that declares `label`, if any. */
  labelOwner(label: string): string | undefined {
    return this.labelOwners.get(label);
  }

  /** Every declared label, sorted. */
  get labels(): string[] {
    return [...this.labelOwners.keys()].sort();
  }

  hasLabel(id: string, label: string): boolean {
    return this.get(id).branchLabels.includes(label);
  }

  isHead(id: string): boolean {
    return this.get(id).children.length === 0;
  }

  /** Parents and (by default) dependencies. */
  predecessors(id: string, dependencies = true): readonly string[] {
    const node = this.get(id);
    return dependencies && node.dependencies.length > 0 ? [...node.parents, ...node.dependencies] : node.parents;
  }

  /** Children and (by default) dependents. */
  successors(id: string, dependencies = true): readonly string[] {
    const node = this.get(id);
    return dependencies && node.dependents.length > 0 ? [...node.children, ...node.dependents] : node.children;
  }

  ancestors(ids: Iterable<string>, options: WalkOptions = {}): Set<string> {
    return this.walk(ids, options, (id, deps) => this.predecessors(id, deps));
  }

  descendants(ids: Iterable<string>, options: WalkOptions = {}): Set<string> {
    return this.walk(ids, options, (id, deps) => this.successors(id, deps));
  }

  /** Parents (and dependencies) before children: the order to upgrade `subset`. */
  upgradeOrder(subset: ReadonlySet<string>): string[] {
    return topologicalOrder(subset, {
      before: (id) => this.predecessors(id),
      after: (id) => this.successors(id),
      rank: (id) => this.get(id).index,
    });
  }

  /** Children (and dependents) before parents: the order to downgrade `subset`, and history's newest-first. */
  downgradeOrder(subset: ReadonlySet<string>): string[] {
    return topologicalOrder(subset, {
      before: (id) => this.successors(id),
      after: (id) => this.predecessors(id),
      rank: (id) => this.get(id).index,
    });
  }

  private walk(
    starts: Iterable<string>,
    { inclusive = true, dependencies = true }: WalkOptions,
    next: (id: string, dependencies: boolean) => readonly string[],
  ): Set<string> {
    const seen = new Set<string>();
    const stack: string[] = [];
    for (const id of starts) {
      this.get(id);
      if (inclusive) seen.add(id);
      stack.push(id);
    }
    while (stack.length > 0) {
      for (const n of next(stack.pop() as string, dependencies)) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return seen;
  }
}

export function buildGraph(headers: readonly RevisionHeader[]): RevisionGraph {
  return RevisionGraph.build(headers);
}
