import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in this process (fast); output captured. */
export async function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/**
 * stderr without its first line when that line names the database the
 * command opened (`database: postgres://...`, `embedded: PATH`), for tests
 * about what follows it.
 */
export function withoutDatabaseLine(stderr: string): string {
  return stderr.replace(/^(database|embedded): [^\n]*\n/, "");
}

const ENTRY = join(__dirname, "cli-from-src.js");
/** Test processes keep their code cache out of the user's home. */
const CODE_CACHE = join(tmpdir(), "migrator-test-code-cache");

/** Run the CLI as its own process, from the sources, as a user would (for locks, concurrency, exit codes). */
export function runCliProcess(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args], { cwd, env: { MIGRATOR_CODE_CACHE: CODE_CACHE, ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
