import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { RevisionError } from "../../../src/errors";
import { RevisionGraph } from "../../../src/revisions/graph";
import { listRevisionFiles, parseRevisionHeader, scanRevisionFolders } from "../../../src/revisions/scan";

const fixtures = path.join(__dirname, "../../fixtures/revisions");
const folder = (name: string): string => path.join(fixtures, name);

describe("header scan", () => {
  it("lists .ts/.js files recursively, skipping _private, .hidden, .d.ts and other files", () => {
    const files = listRevisionFiles(folder("basic")).map((f) => path.relative(folder("basic"), f));
    expect(files).toEqual([
      "1a2b3c4d5e6f_create_users.ts",
      "3f2a9c1b7d4e_add_phone.ts",
      "nested/77aa88bb99cc_second_root.js",
      "nested/9e8d7c6b5a4f_merge_and_depend.ts",
    ]);
  });

  it("reads the four constants in any quoting, spacing and list shape", () => {
    const headers = scanRevisionFolders([folder("basic")]);
    const byId = new Map(headers.map((h) => [h.revision, h]));
    expect(byId.get("1a2b3c4d5e6f")).toMatchObject({ downRevisions: [], branchLabels: ["core"], dependsOn: [] });
    expect(byId.get("3f2a9c1b7d4e")).toMatchObject({
      downRevisions: ["1a2b3c4d5e6f"],
      dependsOn: [],
      transactional: false,
      message: "add phone",
      createDate: "2026-11-21 13:00:00 UTC",
    });
    expect(byId.get("9e8d7c6b5a4f")).toMatchObject({
      downRevisions: ["3f2a9c1b7d4e", "77aa88bb99cc"],
      branchLabels: [],
      dependsOn: ["1a2b3c4d5e6f"],
      message: "merge and depend",
    });
    expect(byId.get("77aa88bb99cc")).toMatchObject({ downRevisions: [], branchLabels: ["side"], message: "second root (plain js)" });
    expect(byId.get("1a2b3c4d5e6f")?.transactional).toBeUndefined();
  });

  it("keeps the whole docstring for history --verbose", () => {
    const h = scanRevisionFolders([folder("basic")]).find((x) => x.revision === "3f2a9c1b7d4e");
    expect(h?.docstring).toBe(
      "add phone\n\nA longer explanation\nover two lines.\n\nRevision ID: 3f2a9c1b7d4e\nRevises: 1a2b3c4d5e6f\nCreate Date: 2026-11-21 13:00:00 UTC",
    );
  });

  it("builds a graph from several folders", () => {
    const g = RevisionGraph.build(scanRevisionFolders([folder("basic"), folder("branched")]));
    expect(g.size).toBe(7);
    expect([...g.bases].sort()).toEqual(["1a2b3c4d5e6f", "77aa88bb99cc", "aaaa00000001"]);
    expect(g.get("cccc00000003").dependencies).toEqual(["bbbb00000002"]);
  });

  it("a file without `revision` is named in the error", () => {
    try {
      scanRevisionFolders([folder("broken-no-revision")]);
      throw new Error("expected a failure");
    } catch (error) {
      expect(error).toBeInstanceOf(RevisionError);
      expect((error as Error).message).toContain(path.join(folder("broken-no-revision"), "0002_helper.ts"));
      expect((error as Error).message).toContain("no `export const revision");
    }
  });

  it("a missing parent names the file and the id", () => {
    expect(() => RevisionGraph.build(scanRevisionFolders([folder("broken-missing-parent")]))).toThrow(
      `revision 0002 in ${path.join(folder("broken-missing-parent"), "0002_orphan.ts")} has downRevision 0xff, which does not exist`,
    );
  });

  it("a missing folder, a computed value and a missing downRevision are clear errors", () => {
    expect(() => scanRevisionFolders([folder("nope")])).toThrow(/revision folder .*nope does not exist/);
    expect(() => parseRevisionHeader('export const revision = "a";\nexport const downRevision = PARENT;', "x.ts")).toThrow(
      "x.ts: `downRevision` must be a string literal, a list of string literals, or null (the scan does not run code)",
    );
    expect(() => parseRevisionHeader('export const revision = "a";', "x.ts")).toThrow(
      "revision a in x.ts has no `export const downRevision` (use null for a base)",
    );
  });

  it("parses escaped quotes and a docstring-less file", () => {
    const h = parseRevisionHeader(`export const revision = 'a\\'b';\nexport const downRevision = undefined;`, "y.ts");
    expect(h.revision).toBe("a'b");
    expect(h.message).toBe("");
    expect(h.downRevisions).toEqual([]);
  });

  describe("anything but a plain literal is refused, naming the file", () => {
    const header = (down: string): string => `export const revision = "a3d99917";\nexport const downRevision = ${down}\nexport const branchLabels = [];\n`;
    it.each([
      '"a3d9" + "9917";',
      '"a3d9"+"9917"',
      '"a3d9" ?? "b";',
      'cond ? "a3d9" : null;',
      '"a3d9".trim();',
      '`a3d9${x}`;',
      '["a3d9", ...others];',
      '["a3d9"] .concat(x);',
      'nullish;',
      'null ?? "a3d9";',
      '"a3d9" /* c */ + "x";',
    ])("downRevision = %s", (down) => {
      expect(() => parseRevisionHeader(header(down), "migrations/x.ts")).toThrow(
        /^migrations\/x\.ts: `downRevision` must be a string literal, a list of string literals, or null \(the scan does not run code\), not /,
      );
    });

    it.each(['"a3d9";', '"a3d9"', "'a3d9'; // parent", '"a3d9" as const;', '["a3d9", "b"];', "null;", "null // base", '"a3d9"; /* c */', "`a3d9`;"])(
      "downRevision = %s is read",
      (down) => {
        expect(parseRevisionHeader(header(down), "x.ts").downRevisions[0] ?? null).toBe(down.startsWith("null") ? null : "a3d9");
      },
    );

    it("refuses a constant declared twice (a forged line in a comment)", () => {
      const text = `/**\n * second\rexport const downRevision = null; //\n */\nexport const revision = "b";\nexport const downRevision = "a";\n`;
      expect(() => parseRevisionHeader(text, "x.ts")).toThrow("x.ts: `downRevision` is declared 2 times; a revision file declares it once");
    });

    it("the same for revision, branchLabels and dependsOn", () => {
      const base = 'export const revision = "r";\nexport const downRevision = null;\n';
      expect(() => parseRevisionHeader('export const revision = "r" + "s";\nexport const downRevision = null;\n', "x.ts")).toThrow(/`revision` must be/);
      expect(() => parseRevisionHeader(`${base}export const branchLabels = ["x"].map(f);\n`, "x.ts")).toThrow(/`branchLabels` must be/);
      expect(() => parseRevisionHeader(`${base}export const dependsOn = LIST;\n`, "x.ts")).toThrow(/`dependsOn` must be/);
    });
  });

  it("a message's `*/`, written `*\\/` in the comment, reads back as `*/`", () => {
    expect(parseRevisionHeader('/**\n * a *\\/ b\n */\nexport const revision = "r";\nexport const downRevision = null;\n', "x.ts").message).toBe("a */ b");
  });
});
