/** SQL revision files: the `-- key: value` header, read as text like a .ts header, and cached the same way. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { RevisionError } from "../../../src/errors";
import { RevisionGraph } from "../../../src/revisions/graph";
import { headerCacheFileFor } from "../../../src/revisions/header-cache";
import { listRevisionFiles, scanRevisionFolders } from "../../../src/revisions/scan";
import { parseSqlRevisionHeader } from "../../../src/revisions/sql-header";
import { withTempDir } from "../../helpers/tmp";

const parse = (text: string): ReturnType<typeof parseSqlRevisionHeader> => parseSqlRevisionHeader(text, "migrations/x.sql");

function errorOf(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RevisionError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected a RevisionError");
}

describe("SQL revision header", () => {
  it("reads every key, comma-separated lists and free comment lines", () => {
    const h = parse(
      [
        "-- revision: 9e8d7c6b5a4f",
        "-- down_revision: 3f2a9c1b7d4e, 77aa88bb99cc",
        "-- message: merge and depend",
        "--   second line of the message",
        "-- create_date: 2026-11-21 13:00:00 UTC",
        "-- branch_labels: core,billing",
        "-- depends_on: 1a2b3c4d5e6f",
        "-- transactional: false",
        "-- A free comment line.",
        "",
        "-- destructive: a comment below the header, whatever its first word",
        "CREATE TABLE t (id int);",
        "-- revision: not-a-header-any-more",
      ].join("\n"),
    );
    expect(h).toEqual({
      revision: "9e8d7c6b5a4f",
      downRevisions: ["3f2a9c1b7d4e", "77aa88bb99cc"],
      branchLabels: ["core", "billing"],
      dependsOn: ["1a2b3c4d5e6f"],
      message: "merge and depend",
      path: "migrations/x.sql",
      createDate: "2026-11-21 13:00:00 UTC",
      docstring:
        "merge and depend\nsecond line of the message\nA free comment line.\n\nRevision ID: 9e8d7c6b5a4f\nRevises: 3f2a9c1b7d4e, 77aa88bb99cc\nCreate Date: 2026-11-21 13:00:00 UTC",
      transactional: false,
    });
  });

  it("a base, no optional keys, CRLF line ends", () => {
    const h = parse("-- revision: aaaa00000001\r\n-- down_revision: none\r\nSELECT 1;\r\n");
    expect(h).toMatchObject({ revision: "aaaa00000001", downRevisions: [], branchLabels: [], dependsOn: [], message: "" });
    expect(h.transactional).toBeUndefined();
    expect(h.createDate).toBeUndefined();
    expect(parse("-- revision: a\n-- down_revision: none\n-- transactional: true\n").transactional).toBeUndefined();
  });

  it("the header ends at the first SQL line or at -- @UNDO", () => {
    expect(errorOf("SELECT 1;\n-- revision: a\n-- down_revision: none\n")).toBe(
      "migrations/x.sql is not a revision file: no `-- revision: <id>` line in the comments at its top",
    );
    expect(errorOf("-- revision: a\n-- @UNDO\n-- down_revision: none\n")).toBe(
      "revision a in migrations/x.sql has no `-- down_revision:` line (use `none` for a base)",
    );
  });

  it.each([
    ["an unknown key", "-- revision: a\n-- down_revison: none\n", "migrations/x.sql:2: unknown header key `down_revison` (did you mean `down_revision`?)"],
    ["a key in another case", "-- Revision: a\n-- down_revision: none\n", "migrations/x.sql:1: unknown header key `Revision` (did you mean `revision`?)"],
    ["a duplicate key", "-- revision: a\n-- down_revision: none\n--\n-- revision: b\n", "migrations/x.sql:4: `revision` is given twice (first at line 1); a header gives each key once"],
    ["a bad id", "-- revision: a-b\n-- down_revision: none\n", 'revision id "a-b" in migrations/x.sql:1 contains the forbidden character "-"'],
    ["an id with blanks", "-- revision: a b\n-- down_revision: none\n", 'revision id "a b" in migrations/x.sql:1 is empty or contains whitespace'],
    ["a bad parent id", "-- revision: a\n-- down_revision: b@head\n", 'revision id "b@head" in migrations/x.sql:2 contains the forbidden character "@"'],
    ["an empty revision", "-- revision:\n-- down_revision: none\n", "migrations/x.sql:1: `revision` has no value"],
    ["an empty down_revision", "-- revision: a\n-- down_revision:\n", "migrations/x.sql:2: `down_revision` has no value (use `none` for a base)"],
    ["a list with a hole", "-- revision: a\n-- down_revision: b,,c\n", 'migrations/x.sql:2: `down_revision` must be `none` or a comma-separated list of ids, not "b,,c"'],
    ["a list without commas", "-- revision: a\n-- down_revision: none\n-- depends_on: b c\n", 'migrations/x.sql:3: `depends_on` must be `none` or a comma-separated list of ids, not "b c"'],
    ["transactional not a boolean", "-- revision: a\n-- down_revision: none\n-- transactional: no\n", 'migrations/x.sql:3: `transactional` must be true or false, not "no"'],
    ["a key below the header", "\n-- revision: a\n-- down_revision: none\n\n-- note\n-- transactional: false\nCREATE INDEX CONCURRENTLY i ON t (c);\n", "migrations/x.sql:6: `transactional` is below the header, which ends at the first blank line"],
    ["no header at all", "", "migrations/x.sql is not a revision file: no `-- revision: <id>` line in the comments at its top"],
  ])("%s is one line naming file:line", (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});

const sqlRevision = (id: string, down: string, extra = ""): string => `-- revision: ${id}\n-- down_revision: ${down}\n-- message: ${id} in sql\n${extra}\nSELECT 1;\n-- @UNDO\nSELECT 2;\n`;
const tsRevision = (id: string, down: string | null): string =>
  `/**\n * ${id} in ts\n */\nexport const revision = "${id}";\nexport const downRevision = ${JSON.stringify(down)};\nexport async function upgrade() {}\nexport async function downgrade() {}\n`;

describe("scanning a folder of .ts and .sql revisions", () => {
  it("lists .sql files as revisions and builds one graph of both kinds", async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, "migrations");
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, "a_first.ts"), tsRevision("aaaa", null));
      fs.writeFileSync(path.join(folder, "b_second.sql"), sqlRevision("bbbb", "aaaa", "-- branch_labels: mid"));
      fs.writeFileSync(path.join(folder, "c_third.ts"), tsRevision("cccc", "bbbb"));
      fs.writeFileSync(path.join(folder, "_notes.sql"), "not a revision");
      expect(listRevisionFiles(folder).map((f) => path.basename(f))).toEqual(["a_first.ts", "b_second.sql", "c_third.ts"]);
      const graph = RevisionGraph.build(scanRevisionFolders([folder]));
      expect(graph.heads).toEqual(["cccc"]);
      expect(graph.get("cccc").parents).toEqual(["bbbb"]);
      expect(graph.get("bbbb").header.message).toBe("bbbb in sql");
      expect(graph.get("cccc").branchLabels).toEqual(["mid"]);
    });
  });

  it("caches .sql headers like .ts ones: same headers, and an edit is seen", async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, "migrations");
      fs.mkdirSync(folder);
      const file = path.join(folder, "b.sql");
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      fs.writeFileSync(file, sqlRevision("bbbb", "none"));
      fs.utimesSync(file, hourAgo, hourAgo);
      const cacheFile = headerCacheFileFor(dir);
      const uncached = scanRevisionFolders([folder]);
      expect(scanRevisionFolders([folder], { cacheFile })).toEqual(uncached);
      expect(JSON.parse(fs.readFileSync(cacheFile, "utf8")).entries[file][2]).toBe("bbbb");
      expect(scanRevisionFolders([folder], { cacheFile })).toEqual(uncached);
      fs.writeFileSync(file, sqlRevision("bbbb", "none").replace("bbbb in sql", "edited"));
      expect(scanRevisionFolders([folder], { cacheFile })[0]?.message).toBe("edited");
      fs.writeFileSync(file, "-- revision: bbbb\n-- down_revision: none\n-- transactoinal: false\n");
      expect(() => scanRevisionFolders([folder], { cacheFile })).toThrow(`${file}:3: unknown header key \`transactoinal\``);
    });
  });
});
