/**
 * M009 (no lock_timeout) knows the lock timeout the runner sets: the
 * project's ddlLockTimeout (or online's default) covers a revision's
 * statements from the first one, a revision's own setting beats the
 * project's either way, and a RESET in the revision's SQL ends it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { lintRevisionFile } from "../../../src/lint/revision";
import { withTempDir } from "../../helpers/tmp";

/** One file per case: a loaded module is kept by its path. */
let serial = 0;
let ID = "";
const nextId = (): string => (ID = `d4${String((serial += 1)).padStart(10, "0")}`);

function tsRevision(dir: string, body: string, extra = ""): string {
  const file = join(dir, "migrations", `${nextId()}_r.ts`);
  writeFileSync(
    file,
    `export const revision = "${ID}";\nexport const downRevision = null;\n${extra}\n` +
      `export async function upgrade(op: any): Promise<void> {\n${body}\n}\n\nexport async function downgrade(): Promise<void> {}\n`,
  );
  return file;
}

function sqlRevision(dir: string, header: string, body: string): string {
  const file = join(dir, "migrations", `${nextId()}_r.sql`);
  writeFileSync(file, `-- revision: ${ID}\n-- down_revision: none\n${header}\n${body}\n`);
  return file;
}

const ADD_COLUMN = 'await op.addColumn("orders", { name: "note", type: "text", nullable: true });';

async function m009(file: string, root: string, project: number | null): Promise<boolean> {
  const result = await lintRevisionFile(ID, file, root, postgres, project);
  return result.findings.some((found) => found.code === "M009");
}

describe("M009 and the runner's lock timeout", () => {
  it("follows the project's setting, the revision's own, and a RESET in its SQL", async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, "migrations"));
      const cases: [string, () => string, number | null, boolean][] = [
        ["no timeout anywhere", () => tsRevision(dir, ADD_COLUMN), null, true],
        ["the project's", () => tsRevision(dir, ADD_COLUMN), 2000, false],
        ["the revision's own", () => tsRevision(dir, ADD_COLUMN, "export const ddlLockTimeout = 3000;"), null, false],
        ["the revision says none", () => tsRevision(dir, ADD_COLUMN, "export const ddlLockTimeout = 0;"), 2000, true],
        ["RESET in the revision's SQL", () => tsRevision(dir, `await op.execute("RESET lock_timeout");\n${ADD_COLUMN}`), 2000, true],
        [".sql, the project's", () => sqlRevision(dir, "", "ALTER TABLE orders ADD COLUMN note text;"), 2000, false],
        [".sql, none in its header", () => sqlRevision(dir, "-- ddl_lock_timeout: none", "ALTER TABLE orders ADD COLUMN note text;"), 2000, true],
        [".sql, its own", () => sqlRevision(dir, "-- ddl_lock_timeout: 1000", "ALTER TABLE orders ADD COLUMN note text;"), null, false],
      ];
      const seen: [string, boolean][] = [];
      for (const [name, write, project] of cases) seen.push([name, await m009(write(), dir, project)]);
      expect(seen).toEqual(cases.map(([name, , , expected]) => [name, expected]));
    });
  });
});
