/**
 * The post-write hook runs on every revision file migrator writes — plain
 * `revision`, `revision --autogenerate` and `merge` — with the file's path as
 * `{file}` or as the last argument; a failing hook leaves the file and is
 * reported the same way by each: one warning line with its exit code, exit 0.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, withoutDatabaseLine, type CliResult } from "../../helpers/cli";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { databaseEntry, fixtureSet, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

// One backend is enough: the hook runs after the file is written, whatever the database.
const backend = backendsUnderTest().at(-1) ?? { name: "pglite" as const };

/** Appends a line naming its argument count, so a test sees the path came as one argument. */
const MARKING_HOOK = `const fs = require("fs");\nfs.appendFileSync(process.argv[2], "// hooked, " + (process.argv.length - 2) + " argument(s)\\n");\n`;
const FAILING_HOOK = `process.stderr.write("formatter broke\\nsecond line\\n");\nprocess.exit(3);\n`;

/** A project in `dir` (a folder name with a space and a quote, so the path must be quoted) whose hook is `hook`. */
function project(dir: string, database: string, hook: string): void {
  writeFileSync(join(dir, "mark.js"), MARKING_HOOK);
  writeFileSync(join(dir, "fail.js"), FAILING_HOOK);
  writeProject(dir, { entities: [fixtureSet("phantoms")], database, extra: `postWriteHook: ${JSON.stringify(hook)},\n` });
}

function revisionFiles(dir: string): string[] {
  return readdirSync(join(dir, "migrations"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, "migrations", f));
}

/** The file a command wrote, read from its --json output. */
function writtenPath(result: CliResult): string {
  const data = JSON.parse(result.stdout) as { path?: string; revision?: { path: string } | string };
  const path = typeof data.revision === "object" ? data.revision.path : data.path;
  if (path === undefined) throw new Error(`no path in ${result.stdout}`);
  return path;
}

function expectHooked(result: CliResult): void {
  expect(withoutDatabaseLine(result.stderr)).toBe("");
  expect(result.code).toBe(0);
  expect(readFileSync(writtenPath(result), "utf8").endsWith("// hooked, 1 argument(s)\n")).toBe(true);
}

function expectHookFailure(result: CliResult): void {
  expect(result.code).toBe(0);
  const path = writtenPath(result);
  expect(existsSync(path)).toBe(true);
  const quoted = `'${path.replace(/'/g, `'\\''`)}'`;
  expect(withoutDatabaseLine(result.stderr)).toBe(`warning: post-write hook \`node fail.js ${quoted}\` failed with exit code 3: formatter broke\n`);
}

describe("the post-write hook", () => {
  it("runs on plain and merge revisions with {file} replaced, or the path appended", async () => {
    await withTempDir(async (root) => {
      const dir = join(root, "it's a project");
      for (const hook of ["node mark.js {file}", "node mark.js"]) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        project(dir, `{ embedded: ${JSON.stringify(join(dir, "db"))} }`, hook);
        expectHooked(await runCli(["--json", "revision", "-m", "root", "--rev-id", "aaaa00000001"], dir));
        expectHooked(await runCli(["--json", "revision", "-m", "left", "--head", "aaaa00000001", "--rev-id", "bbbb00000002"], dir));
        expectHooked(await runCli(["--json", "revision", "-m", "right", "--head", "aaaa00000001", "--splice", "--rev-id", "cccc00000003"], dir));
        expectHooked(await runCli(["--json", "merge", "heads", "-m", "join"], dir));
        expect(revisionFiles(dir)).toHaveLength(4);
      }
    });
  });

  it("a failing hook leaves the plain or merge revision and says so in one line with its exit code", async () => {
    await withTempDir(async (dir) => {
      project(dir, `{ embedded: ${JSON.stringify(join(dir, "db"))} }`, "node fail.js");
      const plain = await runCli(["--json", "revision", "-m", "root", "--rev-id", "aaaa00000001"], dir);
      expect(plain.code).toBe(0);
      expect(plain.stderr).toMatch(/^warning: post-write hook `node fail\.js '.*aaaa00000001_root\.ts'` failed with exit code 3: formatter broke\n$/);
      expect(JSON.parse(plain.stdout)).toMatchObject({ revision: "aaaa00000001", hookError: expect.stringContaining("exit code 3") });
      await runCli(["revision", "-m", "left", "--head", "aaaa00000001", "--rev-id", "bbbb00000002"], dir);
      await runCli(["revision", "-m", "right", "--head", "aaaa00000001", "--splice", "--rev-id", "cccc00000003"], dir);
      const merged = await runCli(["merge", "heads", "-m", "join", "--rev-id", "dddd00000004"], dir);
      expect(merged.code).toBe(0);
      expect(merged.stdout).toMatch(/^Generating .*dddd00000004_join\.ts \.\.\. done\n$/);
      expect(merged.stderr).toMatch(/^warning: post-write hook `node fail\.js '.*dddd00000004_join\.ts'` failed with exit code 3: formatter broke\n$/);
      expect(revisionFiles(dir)).toHaveLength(4);
    });
  });

  it("runs on autogenerated revisions, and reports a failure as the other writers do", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(
        backend,
        async (db) => {
          await db.executor.close();
          project(dir, databaseEntry(db), "node mark.js {file}");
          expectHooked(await runCli(["--json", "revision", "--autogenerate", "-m", "first"], dir));

          project(dir, databaseEntry(db), "node fail.js");
          expect((await runCli(["upgrade", "head"], dir)).code).toBe(0);
          const failed = await runCli(["--json", "revision", "-m", "empty", "--autogenerate", "--allow-empty"], dir);
          expectHookFailure(failed);
          expect(JSON.parse(failed.stdout)).toMatchObject({ revision: { hookError: expect.stringContaining("failed with exit code 3") } });
        },
        backend.name === "pglite" ? { onDisk: join(dir, "db") } : {},
      );
    });
  });
});
