import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrator-cli-rev-"));
  fs.writeFileSync(path.join(dir, "migrator.config.ts"), 'export default { entities: [], migrations: "migrations" };\n');
  return dir;
}

describe("revision commands through the CLI", () => {
  it("revision, heads, history, branches, merge, show", async () => {
    const dir = project();
    const base = await run(dir, "revision", "-m", "create users", "--rev-id", "aaaa00000001");
    expect(base).toMatchObject({ code: 0, stderr: "" });
    expect(base.stdout).toBe(`Generating ${path.join(dir, "migrations", "aaaa00000001_create_users.ts")} ... done\n`);
    await run(dir, "revision", "-m", "one", "--rev-id", "bbbb00000002", "--branch-label", "one");
    const side = await run(dir, "revision", "-m", "two", "--rev-id", "cccc00000003", "--head", "aaaa", "--splice", "--depends-on", "one");
    expect(side.code).toBe(0);

    // cccc depends on bbbb: Alembic calls a head that something depends on an effective head
    expect((await run(dir, "heads")).stdout).toBe("bbbb00000002 (one) (effective head)\ncccc00000003 (head)\n");
    expect((await run(dir, "heads", "--resolve-dependencies")).stdout).toBe("cccc00000003 (head)\n");
    expect((await run(dir, "branches")).stdout).toBe(
      "aaaa00000001 (branchpoint)\n             -> bbbb00000002 (one) (effective head)\n             -> cccc00000003 (head)\n",
    );
    const refused = await run(dir, "revision", "-m", "three");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain("there are several heads (bbbb00000002, cccc00000003)");
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    expect((await run(dir, "merge", "heads", "-m", "join", "--rev-id", "dddd00000004")).code).toBe(0);
    const historyRun = await run(dir, "history");
    expect(historyRun.stdout.split("\n")[0]).toBe(
      "bbbb00000002, cccc00000003 -> dddd00000004 (one) (head) (mergepoint), join",
    );
    expect(historyRun.stdout).toContain("aaaa00000001 (bbbb00000002) -> cccc00000003, two\n");
    expect(historyRun.stdout.trimEnd().split("\n").pop()).toBe("<base> -> aaaa00000001 (branchpoint), create users");

    const json = JSON.parse((await run(dir, "--json", "history", "-r", "cccc:")).stdout);
    expect(json.revisions.map((r: { revision: string }) => r.revision)).toEqual(["dddd00000004", "cccc00000003"]);

    const shown = await run(dir, "show", "one@head");
    expect(shown.stdout).toContain("Rev: dddd00000004 (head) (mergepoint)\nMerges: bbbb00000002, cccc00000003\n");
    expect(shown.stdout).toContain('export const downRevision: string | string[] | null = ["bbbb00000002", "cccc00000003"];');
  });

  it("broken graphs end in one clear line and a non-zero exit", async () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, "migrations"));
    const write = (name: string, body: string): void => fs.writeFileSync(path.join(dir, "migrations", name), body);
    write("a.ts", 'export const revision = "aaaa";\nexport const downRevision = "bbbb";\n');
    write("b.ts", 'export const revision = "bbbb";\nexport const downRevision = "aaaa";\n');
    const cycle = await run(dir, "heads");
    expect(cycle.code).not.toBe(0);
    expect(cycle.stderr).toContain("cycle");
    expect(cycle.stderr).toContain(path.join(dir, "migrations", "a.ts"));
    expect(cycle.stderr).not.toMatch(/\n\s+at /);

    write("b.ts", 'export const revision = "bbbb";\nexport const downRevision = null;\n');
    write("a.ts", 'export const revision = "aaaa";\nexport const downRevision = "zzzz";\n');
    const missing = await run(dir, "history");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`revision aaaa in ${path.join(dir, "migrations", "a.ts")} has downRevision zzzz, which does not exist`);

    write("a.ts", 'export const revision = "aaaa";\nexport const downRevision = "bbbb";\n');
    const unknown = await run(dir, "show", "qq");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("at least 4 characters");
  });
});
