/**
 * `revision --autogenerate` tried as a new user would, through the CLI: the
 * database behind head, two heads, nothing changed, a rename hint naming a
 * column that does not exist. Each ends in one clear line (plus a hint) and
 * the right exit code, and writes no file when it fails.
 */
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, type CliResult, withoutDatabaseLine } from "../../helpers/cli";
import { backendsUnderTest } from "../../helpers/databases";
import { REPO } from "../../helpers/project";
import { cli, configure, withProject } from "./support";

const SHOP_V1 = join(REPO, "test", "fixtures", "versions", "v1", "index.ts");
const SHOP_V2 = join(REPO, "test", "fixtures", "versions", "v2", "index.ts");

/** An error as users see it: `error: ...` on the first line, at most a `hint: ...` after, no stack. */
function expectOneError(result: CliResult, code: number, message: RegExp): void {
  const lines = withoutDatabaseLine(result.stderr).trimEnd().split("\n");
  expect({ code: result.code, first: lines[0] }).toEqual({ code, first: expect.stringMatching(message) });
  expect(lines.length, result.stderr).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1]).toMatch(/^hint: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

const files = (dir: string): string[] => readdirSync(join(dir, "migrations")).filter((f) => f.endsWith(".ts")).sort();

describe.each(backendsUnderTest())("autogenerate errors on $name", (backend) => {
  it("behind head, nothing changed, a missing rename column, two heads", async () => {
    await withProject(backend, async (dir, db) => {
      configure(dir, [SHOP_V1], db);
      await cli(dir, ["revision", "--autogenerate", "-m", "shop", "--rev-id", "aaaa00000001"]);

      // written but not applied: the database is behind the head
      const behind = await runCli(["revision", "--autogenerate", "-m", "more"], dir);
      expectOneError(behind, 1, /^error: the database is not at the head: it is at base \(no revision applied\), the revisions' head is aaaa00000001$/);
      expect(behind.stderr).toContain("migrator upgrade");
      expect(files(dir)).toEqual(["aaaa00000001_shop.ts"]);

      // applied: nothing changed, no file, exit 0
      await cli(dir, ["upgrade", "head"]);
      const same = await runCli(["revision", "--autogenerate", "-m", "nothing"], dir);
      expect({ ...same, stderr: withoutDatabaseLine(same.stderr) }).toEqual({ code: 0, stdout: "No changes detected\n", stderr: "" });
      expect(files(dir)).toEqual(["aaaa00000001_shop.ts"]);

      // a rename hint naming a column the table does not have: a usage error (exit 2), like a malformed flag
      configure(dir, [SHOP_V2], db);
      const rename = await runCli(["revision", "--autogenerate", "-m", "v2", "--rename-column", "customer.nothere:remarks"], dir);
      expectOneError(rename, 2, /^error: rename hint customer\.nothere:remarks: the database has no column "customer"\."nothere"$/);
      expect(files(dir)).toEqual(["aaaa00000001_shop.ts"]);

      // a second root makes two heads; applied, the database is at both
      await cli(dir, ["revision", "-m", "side", "--head", "base", "--rev-id", "bbbb00000002"]);
      await cli(dir, ["upgrade", "heads"]);
      const twoHeads = await runCli(["revision", "--autogenerate", "-m", "v2"], dir);
      expectOneError(twoHeads, 1, /^error: there are several heads \(aaaa00000001, bbbb00000002\); a new revision needs one parent$/);
      expect(files(dir)).toEqual(["aaaa00000001_shop.ts", "bbbb00000002_side.ts"]);

      // naming the head resolves it
      await cli(dir, ["revision", "--autogenerate", "-m", "v2", "--head", "aaaa00000001", "--rename-column", "customer.notes:remarks"]);
      expect(files(dir)).toHaveLength(3);
    });
  });
});

describe.each(backendsUnderTest())("check's answers on $name", (backend) => {
  it("exit 0 nothing to do, 1 changes, 2 any error; refuses a database not at the heads", async () => {
    await withProject(backend, async (dir, db) => {
      configure(dir, [SHOP_V1], db);
      // an empty database with no revisions: changes to make
      expect((await runCli(["check"], dir)).code).toBe(1);
      await cli(dir, ["revision", "--autogenerate", "-m", "shop", "--rev-id", "aaaa00000001"]);

      // behind: the pending revision's changes are not new changes
      const behind = await runCli(["check"], dir);
      expectOneError(behind, 2, /^error: the database is not at the head: it is at base \(no revision applied\), the revisions' head is aaaa00000001$/);
      expect(behind.stdout).toBe("");

      await cli(dir, ["upgrade", "head"]);
      const upToDate = await runCli(["check"], dir);
      expect({ ...upToDate, stderr: withoutDatabaseLine(upToDate.stderr) }).toEqual({ code: 0, stdout: "up to date: the database matches the entities\n", stderr: "" });

      // at a revision no file defines: not "up to date"
      await cli(dir, ["stamp", "--purge", "base"]);
      await cli(dir, ["revision", "-m", "other", "--rev-id", "cccc00000003"]);
      await cli(dir, ["stamp", "cccc00000003"]);
      rmSync(join(dir, "migrations", "cccc00000003_other.ts"));
      const unknown = await runCli(["check"], dir);
      expectOneError(unknown, 2, /^error: the database is not at the head: it is at cccc00000003/);
      expect(unknown.stderr).toContain("no revision file defines cccc00000003");

      // any other error is 2 as well (1 would read as "changes")
      configure(dir, [join(dir, "missing.ts")], db);
      expectOneError(await runCli(["check"], dir), 2, /^error: /);
    });
  });
});

describe.each(backendsUnderTest())("CI answers of status and current on $name", (backend) => {
  it("status --check and current --check-heads exit 1 unless the database is exactly at the heads", async () => {
    await withProject(backend, async (dir, db) => {
      configure(dir, [SHOP_V1], db);
      await cli(dir, ["revision", "--autogenerate", "-m", "shop", "--rev-id", "aaaa00000001"]);
      const answers = async (): Promise<number[]> => [(await runCli(["status", "--check"], dir)).code, (await runCli(["current", "--check-heads"], dir)).code];
      // behind
      expect(await answers()).toEqual([1, 1]);
      await cli(dir, ["upgrade", "head"]);
      expect(await answers()).toEqual([0, 0]);
      // at a revision no file defines
      await cli(dir, ["revision", "-m", "gone", "--rev-id", "dddd00000004"]);
      await cli(dir, ["upgrade", "head"]);
      rmSync(join(dir, "migrations", "dddd00000004_gone.ts"));
      expect(await answers()).toEqual([1, 1]);
      // the plain commands still exit 0 whatever they report
      expect((await runCli(["status"], dir)).code).toBe(0);
      expect((await runCli(["current"], dir)).code).toBe(0);
    });
  });
});

describe("--version", () => {
  it("prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string };
    expect(await runCli(["--version"], REPO)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect((await runCli(["-V"], REPO)).stdout).toBe(`${version}\n`);
  });
});
