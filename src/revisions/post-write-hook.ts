/**
 * The config's `postWriteHook`: a shell command run on each revision file
 * migrator writes (`revision`, `revision --autogenerate`, `merge`), as
 * Alembic's post_write_hooks run on each new revision script. `{file}` in the
 * command stands for the file's absolute path, shell-quoted; without it the
 * path is appended as the last argument. It runs in the config's folder.
 *
 * Its failure is not fatal: the file is written and valid before the hook
 * runs, so it stays, and the failure comes back as one line for a warning.
 */
import { spawnSync } from "node:child_process";

/** The command line for `file`: `{file}` replaced, else the path appended. */
export function hookCommandLine(command: string, file: string): string {
  const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
  return command.includes("{file}") ? command.split("{file}").join(quoted) : `${command} ${quoted}`;
}

/** Run the hook on `file`; undefined when it succeeded, else one line saying how it failed. */
export function runPostWriteHook(command: string, file: string, cwd: string): string | undefined {
  const line = hookCommandLine(command, file);
  // stdout is dropped: migrator's own stdout carries data (--json); stderr explains a failure
  const run = spawnSync(line, { cwd, shell: true, stdio: ["ignore", "ignore", "pipe"] });
  const firstLine = run.stderr?.toString().trim().split(/\r?\n/)[0] ?? "";
  const detail = firstLine === "" ? "" : `: ${firstLine}`;
  const what = `post-write hook \`${line}\``;
  if (run.error !== undefined) return `${what} could not run: ${(run.error as NodeJS.ErrnoException).code ?? run.error.message}`;
  if (run.signal !== null) return `${what} was killed by ${run.signal}${detail}`;
  if (run.status !== 0) return `${what} failed with exit code ${run.status}${detail}`;
  return undefined;
}
