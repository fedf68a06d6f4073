/**
 * The entity files a project's globs matched last time, so that a glob that
 * suddenly matches fewer (a moved folder, a typo in a pattern, a checkout in
 * progress) is said out loud: every entity those files defined would turn
 * into a dropped table in the comparison.
 */
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { writeAtomically } from "../cache-files/write-atomically";

const FILE = "entity-files.json";

/** Files matched last time and missing now (relative to `root`); remembers `files` for next time. */
export function filesGoneSinceLastRun(cacheDir: string, root: string, files: readonly string[]): string[] {
  const path = join(cacheDir, FILE);
  // the usual case, a file under the root, without path.relative (it resolves both paths again per file)
  const under = root.endsWith(sep) ? root : `${root}${sep}`;
  const now = files.map((file) => (file.startsWith(under) ? file.slice(under.length) : relative(root, file))).sort();
  let before: string[] = [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === "string")) before = parsed;
  } catch {
    // first run, or an unreadable record: nothing to compare with
  }
  const present = new Set(now);
  const gone = before.filter((file) => !present.has(file));
  if (before.length !== now.length || gone.length > 0) writeAtomically(path, JSON.stringify(now));
  return gone;
}
