/**
 * Runs one case of the bad-input corpus (bad-inputs.ts) and grades it: the
 * exit code and first stderr line the case expects, no stack trace unless
 * --debug, no password in any output or in any file under the project's
 * .migrator folder or the code-cache folder. The reference database is the
 * caller's to compare.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CliResult } from "../helpers/cli";
import { BASE_PROJECT, type BadInput, DOWN_URL, SECRET } from "./bad-inputs";

export type Runner = (args: readonly string[], cwd: string, env: Readonly<Record<string, string>>) => Promise<CliResult>;

export interface BadInputVerdict {
  readonly unclear: boolean;
  /** The follow-up command failed, or hostile text came out as a statement of its own. */
  readonly injection: boolean;
  readonly stackTrace: boolean;
  readonly secretsFound: number;
  /** What went wrong, for the failure message; "" when the case passed. */
  readonly detail: string;
  readonly result: CliResult;
}

const fill = (text: string, db: string): string => text.replaceAll("{{db}}", db).replaceAll("{{secret}}", SECRET);

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The password as a text file or V8 may hold it: one byte per character, or two. */
export function filesHoldingSecret(root: string): string[] {
  return filesUnder(root).filter((file) => {
    const bytes = readFileSync(file);
    return bytes.includes(Buffer.from(SECRET, "latin1")) || bytes.includes(Buffer.from(SECRET, "utf16le"));
  });
}

/** Write the case's project into a fresh folder, run it, grade it, remove the folder. */
export async function runBadInput(input: BadInput, run: Runner, referenceUrl: string | null, codeCache: string | null): Promise<BadInputVerdict> {
  const db = input.server ? (referenceUrl as string) : DOWN_URL;
  const dir = mkdtempSync(join(tmpdir(), "migrator-bad-input-"));
  try {
    const files = { ...(input.bare ? {} : BASE_PROJECT), ...input.files };
    for (const [path, content] of Object.entries(files)) {
      if (content === null) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), fill(content, db));
    }
    if (!input.bare) mkdirSync(join(dir, "migrations"), { recursive: true });
    const env = Object.fromEntries(Object.entries(input.env ?? {}).map(([k, v]) => [k, fill(v, db)]));
    const result = await run(
      input.args.map((arg) => fill(arg, db)),
      dir,
      env,
    );
    const problems: string[] = [];
    // the line naming the database a command opens comes before what went wrong: the case is about the latter
    const first = result.stderr.split("\n").find((line) => !/^(database|embedded): /.test(line)) ?? "";
    const unclear = result.code !== input.code || !input.first.test(first);
    if (unclear) problems.push(`exit ${result.code} (expected ${input.code}), first line ${JSON.stringify(first)} (expected ${String(input.first)})`);
    let injection = /^DROP TABLE victim/m.test(result.stdout);
    if (input.then) {
      const then = await run(input.then.args, dir, env);
      if (then.code !== 0 || !then.stdout.includes(input.then.stdout) || /^DROP TABLE victim/m.test(then.stdout)) {
        injection = true;
        problems.push(`then \`${input.then.args.join(" ")}\`: exit ${then.code}, ${JSON.stringify(then.stderr.split("\n")[0])}`);
      }
    }
    const stackTrace = !input.args.includes("--debug") && /\n\s+at /.test(result.stdout + result.stderr);
    if (stackTrace) problems.push("stack trace without --debug");
    const leaks = [
      ...(result.stdout.includes(SECRET) ? ["stdout"] : []),
      ...(result.stderr.includes(SECRET) ? ["stderr"] : []),
      ...filesHoldingSecret(join(dir, ".migrator")),
      ...(codeCache ? filesHoldingSecret(codeCache) : []),
    ];
    if (leaks.length > 0) problems.push(`password in ${leaks.join(", ")}`);
    return { unclear, injection, stackTrace, secretsFound: leaks.length, detail: problems.join("; "), result };
  } finally {
    // retried: an in-process run may still be writing its transpile cache in the background
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}
