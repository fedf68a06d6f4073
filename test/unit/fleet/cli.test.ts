/** The fleet options on the command line: how they are read, and what they refuse before anything connects. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spellFleetTargets } from "../../../src/cli/fleet";
import { commands } from "../../../src/cli/commands";
import { parseFast } from "../../../src/cli/fast-path";
import { prepareArgv } from "../../../src/cli/main";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";

const upgrade = commands.find((c) => String(c.command).startsWith("upgrade "));

describe("fleet options", () => {
  it("--target is read as the fleet's, never as upgrade's positional TARGET", () => {
    expect(spellFleetTargets(["upgrade", "head", "--target", "eu-*", "--target=us-1"], upgrade)).toEqual(["upgrade", "head", "--fleet-target", "eu-*", "--fleet-target=us-1"]);
    expect(spellFleetTargets(["upgrade", "head", "--", "--target"], upgrade)).toEqual(["upgrade", "head", "--", "--target"]);
    const fast = parseFast(prepareArgv(["upgrade", "head", "--target", "eu-1", "--concurrency", "8"]), commands);
    expect(fast?.args).toMatchObject({ target: "head", fleetTarget: "eu-1", concurrency: 8 });
    // a command without the fleet options keeps --target for yargs to refuse
    const history = commands.find((c) => String(c.command) === "history");
    expect(spellFleetTargets(["history", "--target", "x"], history)).toEqual(["history", "--target", "x"]);
  });

  it("--help shows --target as users write it, never its internal name", async () => {
    await withTempDir(async (dir) => {
      const help = await runCli(["upgrade", "--help"], dir);
      expect(help.stdout).toMatch(/--all .*--target NAME/);
      expect(help.stdout).not.toMatch(/fleet-target/);
    });
  });

  it("refuses what does not go with a fleet run, before connecting", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "migrator.config.ts"), 'export default { entities: [], database: { url: "postgres://nobody@127.0.0.1:1/none" }, targets: [{ name: "a", url: "postgres://nobody@127.0.0.1:1/none" }] };\n');
      const cases: [string[], RegExp][] = [
        [["upgrade", "head", "--all", "--concurrency", "0"], /--concurrency must be a whole number of at least 1, got 0/],
        [["status", "--concurrency", "2"], /--concurrency goes with --all or --target/],
        [["current", "--fail-fast"], /--fail-fast goes with --all or --target/],
        [["upgrade", "head", "--all", "--sql"], /--sql prints one script without connecting: it does not go with --all\/--target/],
        [["stamp", "head", "--target", "a", "--sql"], /--sql prints one script/],
        [["status", "--all", "--url", "postgres://x@h/db"], /--url and --all\/--target do not go together/],
        [["log", "--target", "b"], /--target b: no target of that name/],
      ];
      for (const [argv, message] of cases) {
        const result = await runCli(argv, dir);
        expect(result.code, argv.join(" ")).toBe(2);
        expect(result.stderr).toMatch(message);
      }
    });
  });

  it("a target that cannot be reached fails alone, named in the table, exit 1", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(
        join(dir, "migrator.config.ts"),
        'export default { entities: [], targets: [{ name: "down", url: "postgres://nobody:pw@127.0.0.1:1/none" }, { name: "odd", url: "mysql://h/db" }] };\n',
      );
      const result = await runCli(["status", "--all"], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^down\s+-\s+-\s+0\s+\S+ m?s\s+FAILED: cannot connect to postgres:\/\/nobody@127.0.0.1:1\/none/m);
      expect(result.stdout).toMatch(/^odd\s.*FAILED: database url: mysql is not supported yet/m);
      expect(result.stdout).toMatch(/2 targets: 2 failed/);
      expect(result.stdout + result.stderr).not.toMatch(/pw@/);
    });
  });
});
