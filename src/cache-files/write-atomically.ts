/**
 * How every on-disk cache (transpiled TypeScript, revision headers, the CLI's
 * code cache) replaces a file: written under a temporary name, then renamed,
 * so a concurrent reader sees the old file or the new one, never half of one.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export interface WriteModes {
  /** Mode of folders created on the way. */
  readonly dir?: number;
  readonly file?: number;
}

/**
 * Never throws: a cache that cannot be written (read-only checkout, full
 * disk, permissions) is simply not kept. Returns whether the file was written.
 */
export function writeAtomically(file: string, data: string | Uint8Array, modes: WriteModes = {}): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, ...(modes.dir === undefined ? {} : { mode: modes.dir }) });
    writeFileSync(temporary, data, modes.file === undefined ? undefined : { mode: modes.file });
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written, or it cannot be removed either: leave it
    }
    return false;
  }
}

let backgroundWrites = 0;

/**
 * The same replacement on the thread pool, for a caller that does not wait
 * (the folder must exist). Never rejects; resolves to whether the file was
 * written.
 */
export async function writeAtomicallyInBackground(file: string, data: string | Uint8Array, mode?: number): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${++backgroundWrites}.tmp`;
  try {
    await writeFile(temporary, data, mode === undefined ? undefined : { mode });
    await rename(temporary, file);
    return true;
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}
