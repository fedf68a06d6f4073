import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatBranches } from "../../../src/cli/format/branches";
import { formatHeads } from "../../../src/cli/format/heads";
import { formatHistory } from "../../../src/cli/format/history";
import { formatShow } from "../../../src/cli/format/show";
import { branches } from "../../../src/commands/branches";
import { heads } from "../../../src/commands/heads";
import { history } from "../../../src/commands/history";
import { merge } from "../../../src/commands/merge";
import { revision } from "../../../src/commands/revision";
import { show } from "../../../src/commands/show";
import { RevisionError } from "../../../src/errors";
import { scanRevisionFile } from "../../../src/revisions/scan";
import { tempProject } from "./config";

const date = new Date(Date.UTC(2026, 10, 21, 13, 0, 0));

describe("revision", () => {
  it("writes the file in the documented shape, and the scan reads it back", () => {
    const config = tempProject();
    const first = revision(config, { message: "create users", revId: "1a2b3c4d5e6f", date });
    const second = revision(config, {
      message: "Add phone!",
      revId: "3f2a9c1b7d4e",
      date,
      upgrades: 'await op.addColumn("user", { name: "phone", type: "varchar(20)", nullable: true });',
      downgrades: 'await op.dropColumn("user", "phone");',
    });
    expect(path.basename(first.path)).toBe("1a2b3c4d5e6f_create_users.ts");
    expect(second.path).toBe(path.join(config.migrations[0] as string, "3f2a9c1b7d4e_add_phone.ts"));
    expect(fs.readFileSync(second.path, "utf8")).toBe(`/**
 * Add phone!
 *
 * Revision ID: 3f2a9c1b7d4e
 * Revises: 1a2b3c4d5e6f
 * Create Date: 2026-11-21 13:00:00 UTC
 */
import type { Operations } from "typeorm-migrator";

export const revision = "3f2a9c1b7d4e";
export const downRevision: string | string[] | null = "1a2b3c4d5e6f";
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn("user", { name: "phone", type: "varchar(20)", nullable: true });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn("user", "phone");
}
`);
    expect(fs.readFileSync(first.path, "utf8")).toContain(
      "export const downRevision: string | string[] | null = null;",
    );
    expect(fs.readFileSync(first.path, "utf8")).toContain("Promise<void> {\n  // nothing to do\n}");
    expect(scanRevisionFile(second.path)).toMatchObject({
      revision: "3f2a9c1b7d4e",
      downRevisions: ["1a2b3c4d5e6f"],
      message: "Add phone!",
      createDate: "2026-11-21 13:00:00 UTC",
    });
  });

  it("defaults to a 12-hex id and a slug cut at 40 characters on a word boundary", () => {
    const config = tempProject();
    const r = revision(config, { message: "Add the phone number column to every user account table now" });
    expect(r.revision).toMatch(/^[0-9a-f]{12}$/);
    expect(path.basename(r.path)).toBe(`${r.revision}_add_the_phone_number_column_to_every.ts`);
  });

  it("refuses with several heads, naming them and the way out", () => {
    const config = tempProject();
    revision(config, { message: "one", revId: "aaaa" });
    revision(config, { message: "two", revId: "bbbb", head: "base" });
    const error = catchError(() => revision(config, { message: "three" }));
    expect(error.message).toBe("there are several heads (aaaa, bbbb); a new revision needs one parent");
    expect(error.hint).toContain("--head");
    expect(error.hint).toContain("merge");
    expect(revision(config, { message: "three", head: "bbbb", revId: "cccc" }).downRevisions).toEqual(["bbbb"]);
  });

  it("needs --splice to branch from a revision that is not a head", () => {
    const config = tempProject();
    revision(config, { message: "one", revId: "aaaa" });
    revision(config, { message: "two", revId: "bbbb" });
    const error = catchError(() => revision(config, { message: "side", head: "aaaa" }));
    expect(error.message).toMatch(/^revision aaaa \(.*aaaa_one\.ts\) is not a head$/);
    expect(error.hint).toContain("--splice");
    const side = revision(config, { message: "side", head: "aaaa", splice: true, branchLabel: "side", revId: "cccc" });
    expect(side.downRevisions).toEqual(["aaaa"]);
    expect(scanRevisionFile(side.path).branchLabels).toEqual(["side"]);
  });

  it("keeps a label in dependsOn, expands a prefix, and refuses a used label or id", () => {
    const config = tempProject();
    revision(config, { message: "one", revId: "aaaa1111", branchLabel: "core" });
    const two = revision(config, { message: "two", revId: "bbbb2222", head: "base", dependsOn: ["core"] });
    expect(scanRevisionFile(two.path).dependsOn).toEqual(["core"]);
    const three = revision(config, { message: "three", head: "bbbb", dependsOn: ["aaaa"] });
    expect(scanRevisionFile(three.path).dependsOn).toEqual(["aaaa1111"]);
    expect(() => revision(config, { message: "x", head: "aaaa", branchLabel: "core" })).toThrow(
      /branch label "core" is already used by revision aaaa1111/,
    );
    expect(() => revision(config, { message: "x", head: "aaaa", revId: "bbbb2222" })).toThrow(
      /revision bbbb2222 already exists in .*bbbb2222_two\.ts/,
    );
    expect(() => revision(config, { message: "x", head: "aaaa", revId: "bad-id" })).toThrow(/forbidden character "-"/);
  });

  it("uses fileTemplate tokens, templateArgs and --version-path among the configured folders", () => {
    const base = tempProject();
    const other = path.join(base.root, "more");
    const template = path.join(base.root, "custom.hbs");
    fs.writeFileSync(
      template,
      fs.readFileSync(base.template, "utf8").replace("import type", "// team: {{team}}\nimport type"),
    );
    fs.mkdirSync(base.migrations[0] as string);
    const config = { ...base, migrations: [...base.migrations, other], template, templateArgs: { team: "db" }, fileTemplate: "{year}{month}{day}_{hour}{minute}{second}_{rev}_{slug}" };
    const r = revision(config, { message: "x y", revId: "abcd", versionPath: "more", date });
    expect(r.path).toBe(path.join(other, "20261121_130000_abcd_x_y.ts"));
    expect(fs.readFileSync(r.path, "utf8")).toContain("// team: db\n");
    expect(() => revision(config, { message: "z", versionPath: "elsewhere" })).toThrow(/not one of the configured/);
  });

  it("refuses a template that breaks the header", () => {
    const base = tempProject();
    const template = path.join(base.root, "bad.hbs");
    fs.writeFileSync(template, "// {{message}}\n");
    const error = catchError(() => revision({ ...base, template }, { message: "m", revId: "abcd" }));
    expect(error.message).toContain("does not read back as abcd");
    expect(error.hint).toContain(template);
  });
});

describe("merge, heads, branches, history, show", () => {
  /** base -> one(label a) ; base -> two(label b) ; merge */
  function project() {
    const config = tempProject();
    revision(config, { message: "base", revId: "aaaa00000001", date });
    revision(config, { message: "feature one", revId: "bbbb00000002", branchLabel: "one", date });
    revision(config, { message: "feature two", revId: "cccc00000003", head: "aaaa00000001", splice: true, branchLabel: "two", date });
    return config;
  }

  it("heads and branches on a branched project", () => {
    const config = project();
    expect(formatHeads(heads(config))).toBe("bbbb00000002 (one) (head)\ncccc00000003 (two) (head)\n");
    expect(formatBranches(branches(config))).toBe(
      "aaaa00000001 (branchpoint)\n" +
        "             -> bbbb00000002 (one) (head)\n" +
        "             -> cccc00000003 (two) (head)\n",
    );
  });

  it("merge heads writes a merge point; history shows it newest first", () => {
    const config = project();
    const m = merge(config, { revisions: ["heads"], message: "merge features", revId: "dddd00000004", date });
    expect(m.downRevisions).toEqual(["bbbb00000002", "cccc00000003"]);
    expect(fs.readFileSync(m.path, "utf8")).toContain(
      'export const downRevision: string | string[] | null = ["bbbb00000002", "cccc00000003"];',
    );
    expect(formatHeads(heads(config))).toBe("dddd00000004 (one, two) (head)\n");
    expect(formatHistory(history(config))).toBe(
      "bbbb00000002, cccc00000003 -> dddd00000004 (one, two) (head) (mergepoint), merge features\n" +
        "aaaa00000001 -> bbbb00000002 (one), feature one\n" +
        "aaaa00000001 -> cccc00000003 (two), feature two\n" +
        "<base> -> aaaa00000001 (branchpoint), base\n",
    );
    expect(formatHistory(history(config, { range: "bbbb:" }))).toBe(
      "bbbb00000002, cccc00000003 -> dddd00000004 (one, two) (head) (mergepoint), merge features\n" +
        "aaaa00000001 -> bbbb00000002 (one), feature one\n",
    );
  });

  it("history --verbose shows the Alembic fields", () => {
    const config = project();
    const text = formatHistory(history(config, { range: ":aaaa", current: ["aaaa00000001"] }), { verbose: true });
    expect(text).toBe(
      "Rev: aaaa00000001 (branchpoint) (current)\n" +
        "Parent: <base>\n" +
        "Branches into: bbbb00000002, cccc00000003\n" +
        `Path: ${path.join(config.migrations[0] as string, "aaaa00000001_base.ts")}\n` +
        "\n" +
        "    base\n" +
        "\n" +
        "    Revision ID: aaaa00000001\n" +
        "    Revises:\n" +
        "    Create Date: 2026-11-21 13:00:00 UTC\n",
    );
  });

  it("merge refuses one revision or an ancestor", () => {
    const config = project();
    expect(() => merge(config, { revisions: ["one@head"], message: "m" })).toThrow(/at least two revisions/);
    expect(() => merge(config, { revisions: ["aaaa", "bbbb"], message: "m" })).toThrow(
      "cannot merge aaaa00000001: it is already an ancestor of another revision being merged",
    );
  });

  it("show prints the log entry and the file; --json data carries the same", () => {
    const config = project();
    const result = show(config, "two@head");
    expect(result.revisions.map((r) => r.revision)).toEqual(["cccc00000003"]);
    const text = formatShow(result);
    expect(text).toContain("Rev: cccc00000003 (head)\nParent: aaaa00000001\nBranch names: two\n");
    expect(text).toContain('export const revision = "cccc00000003";');
    expect(JSON.parse(JSON.stringify(result)).revisions[0].branchLabels).toEqual(["two"]);
  });

  it("listing a broken folder ends in one RevisionError naming the file", () => {
    const config = project();
    fs.writeFileSync(path.join(config.migrations[0] as string, "eeee_orphan.ts"), 'export const revision = "eeee";\nexport const downRevision = "ffff";\n');
    const error = catchError(() => heads(config));
    expect(error.message).toContain("eeee_orphan.ts has downRevision ffff, which does not exist");
  });
});

function catchError(fn: () => unknown): RevisionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RevisionError);
    return error as RevisionError;
  }
  throw new Error("expected a RevisionError");
}
