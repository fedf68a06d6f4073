import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RevisionGraph } from "../../../src/revisions/graph";
import { planDowngrade, planUpgrade } from "../../../src/revisions/plan";
import type { RevisionHeader } from "../../../src/revisions/types";
import { rev } from "./helpers";

/** Random DAGs: each revision picks up to two earlier parents (none: a new root) and maybe one earlier dependency. */
const arbitraryGraph = fc
  .array(
    fc.record({
      parents: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
      root: fc.boolean(),
      dependency: fc.option(fc.nat(), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((specs) => {
    const headers: RevisionHeader[] = specs.map((spec, i) => {
      const parents = i === 0 || (spec.root && i % 4 === 0) ? [] : [...new Set(spec.parents.map((p) => `r${p % i}`))];
      const dependsOn = spec.dependency !== undefined && i > 0 ? [`r${spec.dependency % i}`] : [];
      return rev(`r${i}`, parents.length === 0 ? null : parents, { dependsOn: dependsOn.filter((d) => !parents.includes(d)) });
    });
    return RevisionGraph.build(headers);
  });

const same = (a: Iterable<string>, b: Iterable<string>): void => expect([...a].sort()).toEqual([...b].sort());

/** Rows must be an antichain: none is an ancestor of another. */
function expectAntichain(graph: RevisionGraph, rows: readonly string[]): void {
  for (const row of rows) {
    const others = rows.filter((r) => r !== row);
    if (others.length > 0) expect(graph.ancestors(others).has(row)).toBe(false);
  }
}

describe("plans on random graphs", () => {
  it("upgrade to any revision applies exactly its ancestors; rows stay an antichain", () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.nat(), fc.nat(), (graph, a, b) => {
        const first = graph.ids[a % graph.size] as string;
        const second = graph.ids[b % graph.size] as string;
        const up1 = planUpgrade(graph, [], first);
        same(graph.ancestors(up1.rowsAfter), graph.ancestors([first]));
        expectAntichain(graph, up1.rowsAfter);
        const up2 = planUpgrade(graph, up1.rowsAfter, second);
        same(graph.ancestors(up2.rowsAfter), graph.ancestors([first, second]));
        expectAntichain(graph, up2.rowsAfter);
      }),
      { numRuns: 300 },
    );
  });

  it("downgrade to an applied revision keeps exactly what does not descend from it", () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.nat(), (graph, t) => {
        const all = planUpgrade(graph, [], "heads");
        same(graph.ancestors(all.rowsAfter), graph.ids);
        const target = graph.ids[t % graph.size] as string;
        const down = planDowngrade(graph, all.rowsAfter, target);
        const removed = new Set(down.steps.map((s) => s.revision));
        const keep = graph.ancestors([target]);
        const expected = graph.ids.filter((id) => keep.has(id) || !graph.descendants([target]).has(id));
        same(graph.ancestors(down.rowsAfter), expected);
        for (const id of removed) expect(expected).not.toContain(id);
        expectAntichain(graph, down.rowsAfter);
        expect(planDowngrade(graph, all.rowsAfter, "base").rowsAfter).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
