/**
 * The CLI's rough edges as a newcomer meets them: examples in every
 * command's help, a missing TARGET named with examples, relative history
 * ranges that start with "-" read as values, and a missing or empty -m
 * refused alike.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../../src/cli/commands";
import { parseWithYargs, prepareArgv } from "../../../src/cli/main";
import { runCli } from "../../helpers/cli";

const name = (command: (typeof commands)[number]): string => String([command.command].flat()[0]).split(" ")[0] as string;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "migrator-usage-"));
  writeFileSync(join(dir, "migrator.config.ts"), 'export default { entities: [], migrations: "migrations" };\n');
  return dir;
}

describe("help", () => {
  it.each(commands.map((command) => [name(command), command] as const))("%s --help shows two or three examples", async (command) => {
    const result = await runCli([command, "--help"], tmpdir());
    expect(result.code).toBe(0);
    const examples = result.stdout.split("Examples:")[1];
    expect(examples, result.stdout).toBeDefined();
    const lines = (examples ?? "").split("\n").filter((line) => line.trim().startsWith(`migrator ${command}`));
    expect(lines.length, examples).toBeGreaterThanOrEqual(2);
    expect(lines.length, examples).toBeLessThanOrEqual(3);
  });

  it("every example is a command line the CLI accepts", async () => {
    for (const command of commands) {
      for (const [line] of command.examples ?? []) {
        const argv = line.replace(/ >.*$/, "").match(/"[^"]*"|\S+/g)?.map((word) => word.replace(/^"|"$/g, "")) ?? [];
        let ran: string | undefined;
        await parseWithYargs(prepareArgv(argv), async (chosen) => {
          ran = name(chosen);
        });
        expect(ran, line).toBe(name(command));
      }
    }
  });
});

describe("a missing TARGET", () => {
  it.each(["downgrade", "upgrade"])("%s alone is a usage error naming TARGET, with examples", async (command) => {
    const result = await runCli([command], project());
    expect(result.code).toBe(2);
    const [error, hint] = result.stderr.split("\n");
    expect(error).toBe(`error: ${command} needs a TARGET`);
    expect(hint).toMatch(new RegExp(`^hint: e\\.g\\. migrator ${command} \\S+.*, migrator ${command} `));
    expect(result.stdout).toBe("");
  });
});

describe("a revision's message", () => {
  it("missing, -m without a value and -m \"\" are one usage error", async () => {
    const dir = project();
    const outcomes = await Promise.all([["revision"], ["revision", "-m"], ["revision", "-m", ""], ["revision", "-m", "  "], ["revision", "--autogenerate"]].map((argv) => runCli(argv, dir)));
    for (const outcome of outcomes) {
      expect(outcome).toEqual({ code: 2, stdout: "", stderr: 'error: a revision needs a message (-m)\nhint: e.g. -m "add users"\n' });
    }
  });
});

describe("relative history ranges on the command line", () => {
  it("-2:, -1:head, :-1 and r:+1 read as ranges, counting from the heads as Alembic does", async () => {
    const dir = project();
    for (const [i, id] of ["aaaa00000001", "bbbb00000002", "cccc00000003", "dddd00000004"].entries()) {
      expect((await runCli(["revision", "-m", `step ${i}`, "--rev-id", id], dir)).code).toBe(0);
    }
    const ids = async (...argv: string[]): Promise<string[]> => {
      const result = await runCli(["--json", "history", ...argv], dir);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { revisions: { revision: string }[] }).revisions.map((r) => r.revision);
    };
    expect(await ids("-r", "-2:")).toEqual(["dddd00000004", "cccc00000003", "bbbb00000002"]);
    expect(await ids("--rev-range", "-1:head")).toEqual(["dddd00000004", "cccc00000003"]);
    expect(await ids("-r", ":-1")).toEqual(["cccc00000003", "bbbb00000002", "aaaa00000001"]);
    expect(await ids("-r", "bbbb:+1")).toEqual(["cccc00000003", "bbbb00000002"]);
    expect(await ids("-r=-3:-2")).toEqual(["bbbb00000002", "aaaa00000001"]);
  });
});

describe("a target that starts with a dash and a digit", () => {
  it("reaches the command as a target, not as flags (downgrade -1:base --sql)", async () => {
    const dir = project();
    for (const [i, id] of ["aaaa00000001", "bbbb00000002"].entries()) {
      expect((await runCli(["revision", "-m", `step ${i}`, "--rev-id", id], dir)).code).toBe(0);
    }
    // offline, -1 cannot be resolved: the command says so, which it can only do if it got the target
    const offline = await runCli(["downgrade", "-1:base", "--sql"], dir);
    expect(offline).toEqual({ code: 1, stdout: "", stderr: "error: -1 is relative to the current revisions, which are not known here\nhint: give an explicit revision\n" });
    // an explicit range starting from a relative one the same way, here refused as the range it is
    const backwards = await runCli(["upgrade", "-1:head", "--sql"], dir);
    expect(backwards.stderr).toMatch(/^error: -1 is relative/);
  });
});
