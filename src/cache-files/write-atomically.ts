/**
 * How every on-disk cache (transpiled TypeScript, revision headers, the CLI's
 * code cache) replaces a file: written under a temporary name, then renamed,
 * so a concurrent reader sees the old file or the new one, never half of one.
 *
 * Caches hold what the project's files say (a config's literal password, an
 * entity's defaults), so they are the owner's alone: files 0600, folders
 * created on the way 0700, whatever the umask lets others read.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Never throws: a cache that cannot be written (read-only checkout, full
 * disk, permissions) is simply not kept. Returns whether the file was written.
 */
export function writeAtomically(file: string, data: string | Uint8Array): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: DIR_MODE });
    // a new file ("wx"), so the mode applies: a leftover of a crashed process with this pid fails here and is removed below
    writeFileSync(temporary, data, { mode: FILE_MODE, flag: "wx" });
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
 * (the folder must exist: see `makeCacheFolder`). Never rejects; resolves to whether the file was
 * written.
 */
export async function writeAtomicallyInBackground(file: string, data: string | Uint8Array): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${++backgroundWrites}.tmp`;
  try {
    await writeFile(temporary, data, { mode: FILE_MODE, flag: "wx" });
    await rename(temporary, file);
    return true;
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}

/** A cache folder (and those above it) as writeAtomically makes them; false when it cannot be made. */
export function makeCacheFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    return true;
  } catch {
    return false;
  }
}
