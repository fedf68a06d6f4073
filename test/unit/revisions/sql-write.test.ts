/** Writing .sql revisions: `revision --sql`, `merge --sql`, from templates/revision.sql.hbs (or the project's own). */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { merge } from "../../../src/commands/merge";
import { revision } from "../../../src/commands/revision";
import { RevisionError } from "../../../src/errors";
import { RevisionGraph } from "../../../src/revisions/graph";
import { scanRevisionFile, scanRevisionFolders } from "../../../src/revisions/scan";
import { loadRevisionModule } from "../../../src/runtime/revision-module";
import { collectOperations } from "../../../src/ops/operations";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";
import { tempProject } from "./config";

const date = new Date(Date.UTC(2026, 10, 21, 13, 0, 0));

describe("revision --sql", () => {
  it("writes the documented .sql shape, which the scan and the runner read back", async () => {
    const config = tempProject();
    revision(config, { message: "base", revId: "1a2b3c4d5e6f", date });
    const written = revision(config, { message: "add phone", revId: "3f2a9c1b7d4e", date, sqlFile: true, branchLabel: "phones", dependsOn: ["1a2b"] });
    expect(path.basename(written.path)).toBe("3f2a9c1b7d4e_add_phone.sql");
    expect(fs.readFileSync(written.path, "utf8")).toBe(`-- revision: 3f2a9c1b7d4e
-- down_revision: 1a2b3c4d5e6f
-- message: add phone
-- create_date: 2026-11-21 13:00:00 UTC
-- branch_labels: phones
-- depends_on: 1a2b3c4d5e6f

-- nothing to do

-- @UNDO

-- nothing to do
`);
    expect(scanRevisionFile(written.path)).toMatchObject({
      revision: "3f2a9c1b7d4e",
      downRevisions: ["1a2b3c4d5e6f"],
      branchLabels: ["phones"],
      dependsOn: ["1a2b3c4d5e6f"],
      message: "add phone",
      createDate: "2026-11-21 13:00:00 UTC",
    });
    const module = loadRevisionModule("3f2a9c1b7d4e", written.path, config.root, config.dialect);
    expect(module.transactional).toBe(true);
    expect(module.irreversible).toBeUndefined();
    expect(await collectOperations(module.upgrade)).toEqual([]);
    // a .ts revision after it, as usual
    const next = revision(config, { message: "after", revId: "5e6f7a8b9c0d", date });
    expect(RevisionGraph.build(scanRevisionFolders(config.migrations)).get("5e6f7a8b9c0d").parents).toEqual(["3f2a9c1b7d4e"]);
    expect(next.path.endsWith(".ts")).toBe(true);
  });

  it("a message over several lines, or one that looks like header or marker lines, stays the message", async () => {
    const config = tempProject();
    const message = "first line\n\n-- @UNDO\n@UNDO\nrevision: ffff\ntransactional: false\n  down_revision: none";
    const written = revision(config, { message, revId: "0a0a0a0a0a0a", date, sqlFile: true });
    const text = fs.readFileSync(written.path, "utf8");
    const header = scanRevisionFile(written.path);
    expect(header).toMatchObject({ revision: "0a0a0a0a0a0a", downRevisions: [], message: "first line" });
    expect(header.transactional).toBeUndefined();
    expect(header.docstring?.split("\n").slice(0, 8)).toEqual(["first line", "", "-- @UNDO", "@UNDO", "revision: ffff", "transactional: false", "down_revision: none", ""]);
    expect(text.match(/^-- @UNDO$/gm)).toHaveLength(1);
    // loads: exactly one marker, nothing to run
    const module = loadRevisionModule("0a0a0a0a0a0a", written.path, config.root, config.dialect);
    expect(await collectOperations(module.downgrade)).toEqual([]);
  });

  it("refuses a branch label the header could not hold, writing nothing", () => {
    const config = tempProject();
    expect(() => revision(config, { message: "x", revId: "0b0b0b0b0b0b", sqlFile: true, branchLabel: "a,b" })).toThrow(RevisionError);
    expect(() => revision(config, { message: "x", revId: "0b0b0b0b0b0b", sqlFile: true, branchLabel: "a,b" })).toThrow(
      '"a,b" cannot be written in an .sql revision\'s header: it holds a comma or a blank',
    );
    expect(fs.readdirSync(config.migrations[0] as string)).toEqual([]);
  });

  it("uses the project's own .sql template, and refuses one that breaks the header", () => {
    const config = tempProject();
    const own = path.join(config.root, "revision.sql.hbs");
    fs.writeFileSync(own, "-- revision: {{revision}}\n-- down_revision: {{sqlList downRevision}}\n-- message: {{sqlMessage message}}\n-- team: {{team}}\n");
    expect(() => revision({ ...config, sqlTemplate: own, templateArgs: { team: "x" } }, { message: "m", revId: "0c0c0c0c0c0c", sqlFile: true })).toThrow(
      /was written, but its revision header does not read back as 0c0c0c0c0c0c \(.*0c0c0c0c0c0c_m\.sql:4: unknown header key `team`\)$/,
    );
    fs.rmSync(path.join(config.migrations[0] as string, "0c0c0c0c0c0c_m.sql"));
    fs.writeFileSync(own, "-- revision: {{revision}}\n-- down_revision: {{sqlList downRevision}}\n-- message: {{sqlMessage message}}\n--   by {{team}}\n\n{{sqlBody upgrades}}\n");
    const written = revision({ ...config, sqlTemplate: own, templateArgs: { team: "data" } }, { message: "m", revId: "0d0d0d0d0d0d", sqlFile: true });
    expect(fs.readFileSync(written.path, "utf8")).toBe("-- revision: 0d0d0d0d0d0d\n-- down_revision: none\n-- message: m\n--   by data\n\n-- nothing to do\n");
    expect(loadRevisionModule("0d0d0d0d0d0d", written.path, config.root, config.dialect).irreversible).toMatch(/cannot be downgraded/);
  });
});

describe("merge --sql", () => {
  it("writes a merge point whose down_revision lists both heads", () => {
    const config = tempProject();
    revision(config, { message: "base", revId: "aaaa00000001", date });
    revision(config, { message: "left", revId: "bbbb00000002", date, sqlFile: true });
    revision(config, { message: "right", revId: "cccc00000003", head: "aaaa00000001", splice: true, date });
    const merged = merge(config, { revisions: ["heads"], message: "join", revId: "dddd00000004", sqlFile: true, date });
    expect(merged.path.endsWith("dddd00000004_join.sql")).toBe(true);
    expect(fs.readFileSync(merged.path, "utf8")).toContain("-- down_revision: bbbb00000002, cccc00000003\n");
    const graph = RevisionGraph.build(scanRevisionFolders(config.migrations));
    expect(graph.heads).toEqual(["dddd00000004"]);
    expect(graph.get("dddd00000004").parents).toEqual(["bbbb00000002", "cccc00000003"]);
  });
});

describe("the CLI", () => {
  it("revision --sql and --sql-file write .sql files; merge --sql too", async () => {
    await withTempDir(async (dir) => {
      fs.writeFileSync(path.join(dir, "migrator.config.ts"), 'export default { entities: [], migrations: "migrations" };\n');
      const first = await runCli(["revision", "--sql", "-m", "one", "--rev-id", "aaaa00000001"], dir);
      expect(first).toMatchObject({ code: 0, stderr: "" });
      expect(first.stdout).toBe(`Generating ${path.join(dir, "migrations", "aaaa00000001_one.sql")} ... done\n`);
      expect((await runCli(["revision", "--sql-file", "-m", "two", "--rev-id", "bbbb00000002"], dir)).code).toBe(0);
      expect((await runCli(["revision", "-m", "three", "--rev-id", "cccc00000003", "--head", "aaaa00000001", "--splice"], dir)).code).toBe(0);
      expect((await runCli(["merge", "heads", "--sql", "-m", "join", "--rev-id", "dddd00000004"], dir)).code).toBe(0);
      expect(fs.readdirSync(path.join(dir, "migrations")).sort()).toEqual([
        "aaaa00000001_one.sql",
        "bbbb00000002_two.sql",
        "cccc00000003_three.ts",
        "dddd00000004_join.sql",
      ]);
      const history = await runCli(["history"], dir);
      expect(history.stdout).toBe(
        "bbbb00000002, cccc00000003 -> dddd00000004 (head) (mergepoint), join\naaaa00000001 -> bbbb00000002, two\naaaa00000001 -> cccc00000003, three\n<base> -> aaaa00000001 (branchpoint), one\n",
      );
      const shown = await runCli(["show", "bbbb"], dir);
      expect(shown.stdout).toContain("-- @UNDO");
    });
  });
});
