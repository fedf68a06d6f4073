import { describe, expect, it } from "vitest";
import { RevisionError } from "../../../src/errors";
import { RevisionGraph } from "../../../src/revisions/graph";
import { type Plan, planDowngrade, planUpgrade } from "../../../src/revisions/plan";
import { applyVersionRowChanges, normalizedDownRevisions, versionRowChanges } from "../../../src/revisions/version-rows";
import { branchy, linear, merged, rev } from "./helpers";

const order = (plan: Plan): string[] => plan.steps.map((s) => s.revision);
const rows = (plan: Plan): string[] => [...plan.rowsAfter].sort();

describe("version-row rules (Alembic)", () => {
  const g = merged();

  it("a base is inserted, a step along a line updates", () => {
    expect(versionRowChanges(g, new Set(), "a", "up")).toEqual([{ kind: "insert", revision: "a" }]);
    expect(versionRowChanges(g, new Set(["a"]), "b", "up")).toEqual([{ kind: "update", from: "a", to: "b" }]);
  });

  it("a new branch off a revision that is no longer a row is inserted", () => {
    expect(versionRowChanges(g, new Set(["c"]), "d", "up")).toEqual([{ kind: "insert", revision: "d" }]);
  });

  it("a merge deletes all parent rows but the last and updates the last", () => {
    expect(versionRowChanges(g, new Set(["c", "d"]), "m", "up")).toEqual([
      { kind: "delete", revision: "c" },
      { kind: "update", from: "d", to: "m" },
    ]);
  });

  it("downgrading a merge restores both parents: update to the last, insert the rest", () => {
    expect(versionRowChanges(g, new Set(["m"]), "m", "down")).toEqual([
      { kind: "update", from: "m", to: "d" },
      { kind: "insert", revision: "c" },
    ]);
  });

  it("downgrading a branch whose parent is below another row deletes it", () => {
    expect(versionRowChanges(g, new Set(["c", "d"]), "d", "down")).toEqual([{ kind: "delete", revision: "d" }]);
  });

  it("downgrading a base deletes its row; along a line it updates back", () => {
    expect(versionRowChanges(g, new Set(["a"]), "a", "down")).toEqual([{ kind: "delete", revision: "a" }]);
    expect(versionRowChanges(g, new Set(["c"]), "c", "down")).toEqual([{ kind: "update", from: "c", to: "b" }]);
  });

  it("a dependency counts as a down revision unless another one implies it", () => {
    const d = RevisionGraph.build([
      rev("a", null),
      rev("b", "a"),
      rev("x", null),
      rev("y", "x", { dependsOn: ["b"] }),
      rev("w", "b", { dependsOn: ["a"] }),
    ]);
    expect(normalizedDownRevisions(d, "y")).toEqual(["x", "b"]);
    expect(normalizedDownRevisions(d, "w")).toEqual(["b"]);
    expect(versionRowChanges(d, new Set(["b", "x"]), "y", "up")).toEqual([
      { kind: "delete", revision: "x" },
      { kind: "update", from: "b", to: "y" },
    ]);
  });

  it("refuses a step the rows contradict", () => {
    expect(() => versionRowChanges(g, new Set(["a"]), "a", "up")).toThrow(RevisionError);
    expect(() => versionRowChanges(g, new Set(["a"]), "b", "down")).toThrow(RevisionError);
  });

  it("applies changes in order", () => {
    const next = applyVersionRowChanges(new Set(["c", "d"]), versionRowChanges(g, new Set(["c", "d"]), "m", "up"));
    expect([...next]).toEqual(["m"]);
  });
});

describe("upgrade plans", () => {
  it("from base to head on a line", () => {
    const plan = planUpgrade(linear(3), [], "head");
    expect(order(plan)).toEqual(["r0", "r1", "r2"]);
    expect(plan.steps.map((s) => s.versionChanges)).toEqual([
      [{ kind: "insert", revision: "r0" }],
      [{ kind: "update", from: "r0", to: "r1" }],
      [{ kind: "update", from: "r1", to: "r2" }],
    ]);
    expect(rows(plan)).toEqual(["r2"]);
    expect(plan.steps.every((s) => s.direction === "up" && s.path.endsWith(`${s.revision}.ts`))).toBe(true);
  });

  it("walks only what the current revisions do not already include", () => {
    expect(order(planUpgrade(linear(5), ["r2"], "head"))).toEqual(["r3", "r4"]);
    expect(order(planUpgrade(linear(5), ["r2"], "+1"))).toEqual(["r3"]);
    expect(order(planUpgrade(linear(5), ["r4"], "head"))).toEqual([]);
  });

  it("pulls in dependencies on another branch", () => {
    const g = branchy();
    const plan = planUpgrade(g, [], "other@head");
    const steps = order(plan);
    expect(new Set(steps)).toEqual(new Set(["x", "y", "z", "a", "b", "c", "d"]));
    expect(steps.indexOf("b")).toBeLessThan(steps.indexOf("y"));
    expect(steps.indexOf("d")).toBeLessThan(steps.indexOf("z"));
    expect(steps).not.toContain("e");
  });

  it("heads upgrades every branch, and the rows end as the heads", () => {
    const plan = planUpgrade(merged(), [], "heads");
    expect(order(plan)[0]).toBe("a");
    expect(rows(plan)).toEqual(["n"]);
    const partial = planUpgrade(merged(), [], "c");
    expect(rows(partial)).toEqual(["c"]);
    expect(rows(planUpgrade(merged(), ["c"], "d"))).toEqual(["c", "d"]);
  });

  it("refuses a relative step down", () => {
    expect(() => planUpgrade(linear(3), ["r2"], "-1")).toThrow(/downgrade/);
  });

  it("names a current revision no file defines", () => {
    expect(() => planUpgrade(linear(3), ["gone"], "head")).toThrow(
      "the database is at revision gone, which no revision file defines",
    );
  });
});

describe("downgrade plans", () => {
  it("to base reverts everything, newest first, and empties the table", () => {
    const plan = planDowngrade(merged(), ["n"], "base");
    expect(order(plan).slice(0, 2)).toEqual(["n", "m"]);
    expect(order(plan).slice(-2)).toEqual(["b", "a"]);
    expect(rows(plan)).toEqual([]);
  });

  it("downgrading a merge to one parent leaves both parents", () => {
    const plan = planDowngrade(merged(), ["m"], "c");
    expect(order(plan)).toEqual(["m"]);
    expect(rows(plan)).toEqual(["c", "d"]);
  });

  it("-N from the current revision", () => {
    expect(order(planDowngrade(linear(5), ["r4"], "-2"))).toEqual(["r4", "r3"]);
  });

  it("reverts dependents of what it reverts", () => {
    const plan = planDowngrade(branchy(), ["e", "g", "z"], "c");
    expect(new Set(order(plan))).toEqual(new Set(["d", "e", "f", "g", "z"]));
    expect(order(plan).indexOf("z")).toBeLessThan(order(plan).indexOf("d"));
  });

  it("LABEL@base reverts only that branch", () => {
    const g = branchy();
    const up = planUpgrade(g, [], "heads");
    const plan = planDowngrade(g, up.rowsAfter, "other@base");
    expect(new Set(order(plan))).toEqual(new Set(["x", "y", "z"]));
  });

  it("refuses a target that is not applied", () => {
    expect(() => planDowngrade(linear(5), ["r1"], "r3")).toThrow("downgrade r3: revision r3 is not applied (current: r1)");
  });

  it("an upgrade then a downgrade to base always ends with no rows", () => {
    for (const g of [branchy(), merged(), linear(4)]) {
      const up = planUpgrade(g, [], "heads");
      expect(rows(planDowngrade(g, up.rowsAfter, "base"))).toEqual([]);
    }
  });
});
