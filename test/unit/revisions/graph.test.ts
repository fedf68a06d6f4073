import { describe, expect, it } from "vitest";
import { RevisionError } from "../../../src/errors";
import { RevisionGraph } from "../../../src/revisions/graph";
import type { RevisionHeader } from "../../../src/revisions/types";
import { branchy, merged, rev } from "./helpers";

function buildError(headers: RevisionHeader[]): RevisionError {
  try {
    RevisionGraph.build(headers);
  } catch (error) {
    expect(error).toBeInstanceOf(RevisionError);
    return error as RevisionError;
  }
  throw new Error("expected the build to fail");
}

describe("graph structure", () => {
  it("finds heads, bases, branch points and merge points", () => {
    const g = branchy();
    expect([...g.heads].sort()).toEqual(["e", "g", "z"]);
    expect([...g.bases].sort()).toEqual(["a", "x"]);
    expect(g.branchPoints).toEqual(["c"]);
    expect(g.mergePoints).toEqual([]);
    expect(merged().mergePoints).toEqual(["m"]);
    expect(merged().heads).toEqual(["n"]);
  });

  it("keeps parents and children, and dependsOn apart from them", () => {
    const g = branchy();
    expect(g.get("c").children).toEqual(["d", "f"]);
    expect(g.get("y").parents).toEqual(["x"]);
    expect(g.get("y").dependencies).toEqual(["b"]);
    expect(g.get("b").dependents).toEqual(["y"]);
    // a label in dependsOn resolves to the revision declaring it
    expect(g.get("z").dependencies).toEqual(["d"]);
  });

  it("tells real heads (nothing depends on them) from heads", () => {
    const g = RevisionGraph.build([rev("a", null), rev("b", null), rev("c", "a", { dependsOn: ["b"] })]);
    expect([...g.heads].sort()).toEqual(["b", "c"]);
    expect(g.realHeads).toEqual(["c"]);
  });

  it("spreads a label to descendants and to ancestors down to the branch point", () => {
    const g = branchy();
    expect(g.get("d").branchLabels).toEqual(["feat"]);
    expect(g.get("e").branchLabels).toEqual(["feat"]);
    expect(g.get("c").branchLabels).toEqual([]);
    expect(g.get("f").branchLabels).toEqual([]);
    expect(["x", "y", "z"].map((id) => g.get(id).branchLabels)).toEqual([["other"], ["other"], ["other"]]);
    // a label declared at a head of a linear line reaches back to the base
    const line = RevisionGraph.build([rev("a", null), rev("b", "a"), rev("c", "b", { branchLabels: ["main"] })]);
    expect(["a", "b", "c"].map((id) => line.hasLabel(id, "main"))).toEqual([true, true, true]);
  });

  it("stops spreading a label down at a merge point", () => {
    const g = RevisionGraph.build([
      rev("a", null),
      rev("b", null),
      rev("m", ["a", "b"]),
      rev("n", "m"),
      rev("o", "n", { branchLabels: ["top"] }),
    ]);
    expect(g.hasLabel("n", "top")).toBe(true);
    expect(g.hasLabel("m", "top")).toBe(false);
    expect(g.hasLabel("a", "top")).toBe(false);
  });

  it("walks ancestors and descendants, with and without dependencies", () => {
    const g = branchy();
    expect([...g.ancestors(["y"])].sort()).toEqual(["a", "b", "x", "y"]);
    expect([...g.ancestors(["y"], { dependencies: false })].sort()).toEqual(["x", "y"]);
    expect([...g.descendants(["c"], { inclusive: false })].sort()).toEqual(["d", "e", "f", "g", "z"]);
    expect([...g.descendants(["c"], { inclusive: false, dependencies: false })].sort()).toEqual(["d", "e", "f", "g"]);
  });

  it("orders upgrades parents-and-dependencies first, branch by branch", () => {
    const g = branchy();
    const order = g.upgradeOrder(new Set(g.ids));
    const at = (id: string): number => order.indexOf(id);
    for (const id of g.ids) {
      for (const before of g.predecessors(id)) expect(at(before)).toBeLessThan(at(id));
    }
    expect(order.length).toBe(g.size);
    // a branch is kept together: d, e follow each other
    expect(at("e")).toBe(at("d") + 1);
    expect(at("g")).toBe(at("f") + 1);
  });

  it("orders downgrades children-and-dependents first", () => {
    const g = merged();
    const order = g.downgradeOrder(new Set(g.ids));
    expect(order[0]).toBe("n");
    expect(order[1]).toBe("m");
    expect(order.slice(-2)).toEqual(["b", "a"]);
  });
});

describe("graph errors name the revision and the file", () => {
  it("cycle, listing the revisions in it", () => {
    const e = buildError([rev("a", null), rev("b", ["a", "d"]), rev("c", "b"), rev("d", "c")]);
    expect(e.message).toMatch(/cycle/);
    for (const id of ["b", "c", "d"]) expect(e.message).toContain(`migrations/${id}.ts`);
    expect(e.message).not.toContain("migrations/a.ts");
  });

  it("cycle through dependsOn", () => {
    const e = buildError([rev("a", null, { dependsOn: ["b"] }), rev("b", "a")]);
    expect(e.message).toMatch(/cycle/);
    expect(e.message).toContain("migrations/a.ts");
    expect(e.message).toContain("migrations/b.ts");
  });

  it("self-loop", () => {
    const e = buildError([rev("a", null), rev("b", "b")]);
    expect(e.message).toContain("revision b in migrations/b.ts names itself");
  });

  it("missing parent names the file and the missing id", () => {
    const e = buildError([rev("a", null), rev("b", "nope")]);
    expect(e.message).toBe("revision b in migrations/b.ts has downRevision nope, which does not exist");
  });

  it("missing dependency", () => {
    const e = buildError([rev("a", null), rev("b", "a", { dependsOn: ["ghost"] })]);
    expect(e.message).toContain("revision b in migrations/b.ts depends on ghost");
  });

  it("duplicate id names both files", () => {
    const e = buildError([rev("a", null), { ...rev("a", null), path: "other/a_again.ts" }]);
    expect(e.message).toBe("revision a is defined twice: in migrations/a.ts and in other/a_again.ts");
  });

  it.each(["a@b", "a+1", "a-b", "a:b"])("forbidden character in id %s", (id) => {
    const e = buildError([rev(id, null)]);
    expect(e.message).toContain(`revision id "${id}" in migrations/${id}.ts`);
    expect(e.message).toContain("forbidden character");
  });

  it("duplicate branch label names both revisions and files", () => {
    const e = buildError([rev("a", null, { branchLabels: ["x1"] }), rev("b", "a", { branchLabels: ["x1"] })]);
    expect(e.message).toContain('branch label "x1"');
    expect(e.message).toContain("revision b (migrations/b.ts)");
    expect(e.message).toContain("revision a (migrations/a.ts)");
  });
});
