/** The CLI steps the MariaDB end-to-end tests take in a project folder. */
import { expect } from "vitest";
import { runCli } from "../../helpers/cli";

export async function cli(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(args, dir);
}

/** A command that must succeed; its output is in the failure message when it does not. */
export async function ok(dir: string, ...args: string[]): Promise<string> {
  const result = await cli(dir, ...args);
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** `check` finds nothing to do. */
export async function expectUpToDate(dir: string): Promise<void> {
  const result = await cli(dir, "check");
  expect(result.stdout, result.stderr).toContain("up to date");
  expect(result.code).toBe(0);
}
