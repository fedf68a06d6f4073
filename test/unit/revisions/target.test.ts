import { describe, expect, it } from "vitest";
import { RevisionError } from "../../../src/errors";
import { RevisionGraph } from "../../../src/revisions/graph";
import { resolveRange } from "../../../src/revisions/range";
import { type ResolveOptions, resolveTarget } from "../../../src/revisions/target";
import { branchy, linear, merged, rev } from "./helpers";

function ids(graph: RevisionGraph, text: string, options?: ResolveOptions): readonly string[] | "base" {
  const t = resolveTarget(graph, text, options);
  return t.kind === "base" ? "base" : [...t.ids].sort();
}

function failure(fn: () => unknown): RevisionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RevisionError);
    return error as RevisionError;
  }
  throw new Error("expected a RevisionError");
}

describe("keywords", () => {
  it("head, heads, base", () => {
    expect(ids(merged(), "head")).toEqual(["n"]);
    expect(ids(branchy(), "heads")).toEqual(["e", "g", "z"]);
    expect(ids(branchy(), "base")).toBe("base");
  });

  it("head with several heads names them and suggests heads, LABEL@head, merge", () => {
    const e = failure(() => resolveTarget(branchy(), "head"));
    expect(e.message).toContain("several heads");
    for (const id of ["e (feat)", "g", "z (other)"]) expect(e.message).toContain(id);
    expect(e.hint).toContain('"heads"');
    expect(e.hint).toContain("feat@head");
    expect(e.hint).toContain("merge");
  });

  it("current needs the current revisions", () => {
    expect(ids(branchy(), "current", { current: ["c"] })).toEqual(["c"]);
    expect(ids(branchy(), "current", { current: [] })).toBe("base");
    expect(failure(() => resolveTarget(branchy(), "current")).message).toContain("not known");
  });
});

describe("ids, prefixes, labels", () => {
  const g = RevisionGraph.build([
    rev("abc123", null),
    rev("abd456", "abc123", { branchLabels: ["lbl"] }),
    rev("fff000", "abd456"),
  ]);

  it("full id and unambiguous prefix", () => {
    expect(ids(g, "abc123")).toEqual(["abc123"]);
    expect(ids(g, "abd")).toEqual(["abd456"]);
    expect(ids(g, "f")).toEqual(["fff000"]);
  });

  it("a bare label is the revision declaring it", () => {
    expect(ids(g, "lbl")).toEqual(["abd456"]);
  });

  it("ambiguous prefix lists the candidates and their files", () => {
    const e = failure(() => resolveTarget(g, "ab"));
    expect(e.message).toBe(
      'revision prefix "ab" is ambiguous: abc123 (migrations/abc123.ts), abd456 (migrations/abd456.ts)',
    );
  });

  it("unknown id says so, with a hint under 4 characters", () => {
    const short = failure(() => resolveTarget(g, "zz"));
    expect(short.message).toBe('no revision or branch label "zz"');
    expect(short.hint).toContain("at least 4 characters");
    const long = failure(() => resolveTarget(g, "zzzzzz"));
    expect(long.message).toBe('no revision or branch label "zzzzzz"');
    expect(long.hint).toBeUndefined();
  });

  it("a near miss of a target word or label suggests it", () => {
    const typo = failure(() => resolveTarget(g, "hed"));
    expect(typo.message).toBe('no revision or branch label "hed"');
    expect(typo.hint).toBe('did you mean "head"?');
    expect(failure(() => resolveTarget(g, "bsae")).hint).toBe('did you mean "base"?');
    expect(failure(() => resolveTarget(g, "lb")).hint).toBe('did you mean "lbl"?');
  });
});

describe("relative forms", () => {
  it("+N and -N from the current revision", () => {
    const g = linear(6);
    expect(ids(g, "+2", { current: ["r1"] })).toEqual(["r3"]);
    expect(ids(g, "-1", { current: ["r1"] })).toEqual(["r0"]);
    expect(ids(g, "-2", { current: ["r1"] })).toBe("base");
    expect(ids(g, "+1", { current: [] })).toEqual(["r0"]);
  });

  it("+N beyond the head and -N below base fail", () => {
    const g = linear(3);
    expect(failure(() => resolveTarget(g, "+5", { current: ["r1"] })).message).toContain("r2: it is a head");
    expect(failure(() => resolveTarget(g, "-3", { current: ["r1"] })).message).toContain("reached base");
    expect(failure(() => resolveTarget(g, "+1")).message).toContain("not known");
  });

  it("REV+N and REV-N, including head-N", () => {
    const g = linear(6);
    expect(ids(g, "r1+3")).toEqual(["r4"]);
    expect(ids(g, "r4-2")).toEqual(["r2"]);
    expect(ids(g, "head-1")).toEqual(["r4"]);
    expect(ids(g, "base+1")).toEqual(["r0"]);
  });

  it("a walk over a branch point is ambiguous and names the branches", () => {
    const e = failure(() => resolveTarget(branchy(), "b+2"));
    expect(e.message).toBe("b+2 is ambiguous: c is a branch point into d (feat), f");
  });

  it("a walk down a merge point is ambiguous and names the parents", () => {
    const e = failure(() => resolveTarget(merged(), "n-2"));
    expect(e.message).toBe("n-2 is ambiguous: m is a merge point of c, d");
  });

  it("from several current revisions is ambiguous", () => {
    const e = failure(() => resolveTarget(branchy(), "+1", { current: ["e", "g"] }));
    expect(e.message).toContain("several revisions (e (feat), g)");
  });

  it("from base with several bases is ambiguous", () => {
    const e = failure(() => resolveTarget(branchy(), "+1", { current: [] }));
    expect(e.message).toContain("several bases into a, x (other)");
  });
});

describe("LABEL@ forms", () => {
  const g = branchy();

  it("LABEL@head, LABEL@heads, LABEL@base", () => {
    expect(ids(g, "feat@head")).toEqual(["e"]);
    expect(ids(g, "feat@heads")).toEqual(["e"]);
    expect(resolveTarget(g, "feat@base")).toEqual({ kind: "base", label: "feat" });
    expect(ids(g, "other@head")).toEqual(["z"]);
  });

  it("LABEL@REV checks the revision is on the branch", () => {
    expect(ids(g, "feat@d")).toEqual(["d"]);
    expect(failure(() => resolveTarget(g, "feat@f")).message).toBe("feat@f: revision f is not on branch feat");
  });

  it("LABEL@+N walks into the branch from a current revision below its branch point", () => {
    expect(ids(g, "feat@+1", { current: ["c", "y"] })).toEqual(["d"]);
    expect(ids(g, "feat@+2", { current: ["c", "y"] })).toEqual(["e"]);
    expect(ids(g, "feat@+1", { current: ["d", "g"] })).toEqual(["e"]);
  });

  it("LABEL@-N walks down from the branch's current revision", () => {
    expect(ids(g, "feat@-1", { current: ["e", "g"] })).toEqual(["d"]);
    expect(ids(g, "other@-2", { current: ["e", "z"] })).toEqual(["x"]);
    expect(ids(g, "other@-3", { current: ["e", "z"] })).toBe("base");
  });

  it("LABEL@REV+N and LABEL@head-N stay on the branch", () => {
    expect(ids(g, "feat@d+1")).toEqual(["e"]);
    expect(ids(g, "feat@head-1")).toEqual(["d"]);
    // walking down may leave the branch through its branch point
    expect(ids(g, "feat@head-2")).toEqual(["c"]);
  });

  it("a label containing a dash is not read as REV-N", () => {
    const h = RevisionGraph.build([rev("a", null), rev("b", "a", { branchLabels: ["release-2"] })]);
    expect(ids(h, "release-2")).toEqual(["b"]);
    expect(ids(h, "release-2@head")).toEqual(["b"]);
  });

  it("REV@head: the heads descending from REV", () => {
    expect(ids(g, "f@head")).toEqual(["g"]);
    expect(failure(() => resolveTarget(g, "c@head")).message).toContain("several heads");
  });

  it("an unknown label names it and lists the labels", () => {
    const e = failure(() => resolveTarget(g, "nope@head"));
    expect(e.message).toBe('nope@head: no branch label or revision "nope"');
    expect(e.hint).toBe("branch labels: feat, other");
  });
});

describe("history ranges", () => {
  const g = linear(5);

  it("A:B, A:, :B, whole graph, newest first", () => {
    expect(resolveRange(g, "r1:r3")).toEqual(["r3", "r2", "r1"]);
    expect(resolveRange(g, "r3:")).toEqual(["r4", "r3"]);
    expect(resolveRange(g, ":r1")).toEqual(["r1", "r0"]);
    expect(resolveRange(g, undefined)).toEqual(["r4", "r3", "r2", "r1", "r0"]);
    expect(resolveRange(g, "base:head")).toEqual(["r4", "r3", "r2", "r1", "r0"]);
  });

  it("current and relative forms", () => {
    expect(resolveRange(g, "current:", { current: ["r3"] })).toEqual(["r4", "r3"]);
    expect(resolveRange(g, ":current", { current: ["r1"] })).toEqual(["r1", "r0"]);
    expect(resolveRange(g, "current-1:current+1", { current: ["r2"] })).toEqual(["r3", "r2", "r1"]);
  });

  it("-N counts down from the heads and A:+N up from A, as Alembic's ranges do, whatever the current revisions", () => {
    for (const current of [undefined, ["r1"]]) {
      expect(resolveRange(g, "-2:", { current })).toEqual(["r4", "r3", "r2"]);
      expect(resolveRange(g, "-1:head", { current })).toEqual(["r4", "r3"]);
      expect(resolveRange(g, ":-1", { current })).toEqual(["r3", "r2", "r1", "r0"]);
      expect(resolveRange(g, "r1:+2", { current })).toEqual(["r3", "r2", "r1"]);
      expect(resolveRange(g, "base:+1", { current })).toEqual(["r0"]);
    }
    expect(failure(() => resolveRange(g, "+1:")).message).toContain("+1");
    expect(failure(() => resolveRange(g, "-9:")).message).toContain("cannot move 9 step(s) down");
  });

  it("on a branchy graph, a range follows ancestry", () => {
    const b = branchy();
    expect(resolveRange(b, "c:g")).toEqual(["g", "f", "c"]);
    expect(resolveRange(b, "feat@base:")).toEqual(["e", "d"]);
  });

  it("refuses a lower bound that is not an ancestor, and a malformed range", () => {
    expect(failure(() => resolveRange(g, "r3:r1")).message).toContain("r3 is not an ancestor of r1");
    expect(failure(() => resolveRange(g, "r1")).message).toContain("must look like A:B");
  });
});
