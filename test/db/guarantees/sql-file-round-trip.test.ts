/**
 * The round-trip guarantee for `revision --autogenerate --sql-file`: the
 * versioned shop's steps written as .sql revisions (golden files), each
 * upgraded, found up to date by `check`, reversed exactly by `downgrade -1`;
 * `downgrade base` leaves the database as empty as it started.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { autogenerate } from "../../../src/commands/autogenerate";
import { loadConfig } from "../../../src/config/load";
import type { RenameHint } from "../../../src/config/types";
import { backendsUnderTest } from "../../helpers/databases";
import { REPO } from "../../helpers/project";
import { GOLDEN_DATE, cli, configure, expectFixpoint, expectGolden, snapshot, withProject } from "./support";

const STEPS: readonly { version: string; revId: string; renames: readonly RenameHint[] }[] = [
  { version: "v1", revId: "5a0000000001", renames: [] },
  { version: "v2", revId: "5b0000000002", renames: [{ table: "customer", column: "notes", to: "remarks" }] },
  { version: "v3", revId: "5c0000000003", renames: [{ table: "product", to: "item" }] },
];

const ANY_ORDER = { columnOrder: false };
const entitiesOf = (version: string): string => join(REPO, "test", "fixtures", "versions", version, "index.ts");

describe.each(backendsUnderTest())("autogenerate --sql-file round trip on $name", (backend) => {
  it("v1 -> v2 -> v3 as .sql revisions: fixpoint after each, exact reverses, base is empty", async () => {
    await withProject(backend, async (dir, db) => {
      const empty = await snapshot(db, ANY_ORDER);
      const catalogs = [empty];
      for (const step of STEPS) {
        configure(dir, [entitiesOf(step.version)], db);
        const result = await autogenerate(loadConfig({ cwd: dir }), {
          message: `shop ${step.version}`,
          revId: step.revId,
          date: GOLDEN_DATE,
          renames: step.renames,
          sqlFile: true,
        });
        const file = result.revision?.path ?? "";
        expect(file.endsWith(".sql"), file).toBe(true);
        expectGolden(file, `${db.backend}/sql-versions`);
        const text = readFileSync(file, "utf8");
        expect(text).toMatch(/^-- revision: \w+\n-- down_revision: /);
        expect(text).toContain("\n-- @UNDO\n");
        await cli(dir, ["upgrade", "head"]);
        await expectFixpoint(dir);
        const after = await snapshot(db, ANY_ORDER);
        expect(after, `${step.version} changed the catalog`).not.toBe(catalogs[catalogs.length - 1]);
        await cli(dir, ["downgrade", "-1"]);
        expect(await snapshot(db, ANY_ORDER), `downgrade of ${step.version} restores the catalog before it`).toBe(catalogs[catalogs.length - 1]);
        await cli(dir, ["upgrade", "+1"]);
        expect(await snapshot(db, ANY_ORDER)).toBe(after);
        catalogs.push(after);
      }
      // v2 drops a column with data loss: marked in the file as a .ts revision marks it
      const v2 = readFileSync(join(dir, "migrations", "5b0000000002_shop_v2.sql"), "utf8");
      expect(v2).toMatch(/^-- (destructive|cannot restore): /m);
      await cli(dir, ["downgrade", "base"]);
      expect(await snapshot(db, ANY_ORDER), "downgrade base leaves nothing but migrator's own tables").toBe(empty);
      expect((await cli(dir, ["current"])).stdout.trim()).toBe("base");
    });
  });
});
