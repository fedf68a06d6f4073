/**
 * A number option given something that is not a non-negative number is a
 * usage error (exit 2) naming the option and the value, whether the line
 * takes the fast path or goes through yargs (which alone reads `abc` as NaN
 * and runs the command).
 */
import { describe, expect, it } from "vitest";
import { commands } from "../../../src/cli/commands";
import { parseFast } from "../../../src/cli/fast-path";
import { parseWithYargs } from "../../../src/cli/main";
import { UsageError } from "../../../src/errors";
import { runCli } from "../../helpers/cli";
import { withTempDir } from "../../helpers/tmp";

const BAD: readonly [string[], string][] = [
  [["upgrade", "head", "--lock-timeout", "abc"], '--lock-timeout must be a non-negative number, got "abc"'],
  [["upgrade", "head", "--lock-timeout=abc"], '--lock-timeout must be a non-negative number, got "abc"'],
  [["downgrade", "base", "--lock-timeout", "-5"], '--lock-timeout must be a non-negative number, got "-5"'],
  [["upgrade", "head", "--lock-timeout", ""], '--lock-timeout must be a non-negative number, got ""'],
  [["upgrade", "head", "--lock-timeout", "Infinity"], '--lock-timeout must be a non-negative number, got "Infinity"'],
  [["stamp", "head", "--lockTimeout", "soon"], '--lock-timeout must be a non-negative number, got "soon"'],
  [["upgrade", "head", "--lock-timeout"], "--lock-timeout needs a number"],
  [["upgrade", "head", "--lock-timeout", "--sql"], "--lock-timeout needs a number"],
];

async function yargsError(argv: readonly string[]): Promise<unknown> {
  try {
    await parseWithYargs(argv, async () => undefined);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("number options", () => {
  it.each(BAD.map(([argv, message]) => [argv.join(" "), argv, message]))("`%s` is refused by yargs", async (_, argv, message) => {
    const error = await yargsError(argv as string[]);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
  });

  it.each(BAD.map(([argv, message]) => [argv.join(" "), argv, message]))("`%s` is refused by the fast path", (_, argv, message) => {
    let error: unknown;
    try {
      parseFast(argv as string[], commands);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
  });

  it("through the CLI: exit 2, the option and the value, a hint", async () => {
    await withTempDir(async (dir) => {
      const result = await runCli(["upgrade", "head", "--lock-timeout", "abc"], dir);
      expect(result).toEqual({
        code: 2,
        stdout: "",
        stderr: 'error: --lock-timeout must be a non-negative number, got "abc"\nhint: e.g. --lock-timeout 5000\n',
      });
    });
  });

  it("a number is taken as before, on both paths", async () => {
    for (const argv of [["upgrade", "head", "--lock-timeout", "250"], ["downgrade", "base", "--lock-timeout=0"], ["stamp", "head", "--lock-timeout", "1e3"]]) {
      let viaYargs: unknown;
      await parseWithYargs(argv, async (_command, args) => {
        viaYargs = args.lockTimeout;
      });
      const fast = parseFast(argv, commands);
      expect(fast?.args.lockTimeout).toBe(viaYargs);
      expect(typeof viaYargs).toBe("number");
    }
  });
});
