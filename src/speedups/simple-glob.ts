/**
 * The common entity glob, one folder and one `*` in the file name
 * (`entities/*.ts`, `src/**` aside), read with one readdir. tinyglobby and
 * picomatch cost ~10 ms to load and compile per run (~25 ms in a fresh
 * clone, where they compile from source) for what is a prefix and suffix
 * test; any other pattern goes to them. The answers are tinyglobby's: files
 * only (links followed), no dot files, case-sensitive, absolute paths; a
 * folder holding a matching link to a folder is left to tinyglobby too.
 */
import { readdirSync, statSync, type Dirent } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

/** Anything glob syntax beyond `*` in the last segment, or a path form this reading does not cover. */
const NOT_SIMPLE = /[?[\]{}()!+@\\]|\*\*|\*.*\*/;

/** The files `pattern` matches under `root`, or null when the pattern is not of the simple form. */
export function simpleGlob(pattern: string, root: string): string[] | null {
  if (process.platform === "win32" || isAbsolute(pattern) || NOT_SIMPLE.test(pattern) || pattern.includes("node_modules")) return null;
  const slash = pattern.lastIndexOf("/");
  const folder = slash === -1 ? "" : pattern.slice(0, slash);
  const name = pattern.slice(slash + 1);
  const star = name.indexOf("*");
  // a star outside the file name, a literal path (handled by the caller), or `.` segments tinyglobby normalises
  if (star === -1 || folder.includes("*") || (folder !== "" && folder.split("/").some((part) => part === "" || part === "." || part === ".."))) return null;
  const prefix = name.slice(0, star);
  const suffix = name.slice(star + 1);
  // `.*` (dot files asked for by name) is picomatch's to read
  if (prefix.startsWith(".")) return null;
  const dir = resolve(root, folder);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const file = entry.name;
    if (file.startsWith(".") || file.length < prefix.length + suffix.length || !file.startsWith(prefix) || !file.endsWith(suffix)) continue;
    if (entry.isFile()) files.push(join(dir, file));
    else if (entry.isSymbolicLink()) {
      const behind = linkTarget(join(dir, file));
      if (behind === "file") files.push(join(dir, file));
      // tinyglobby lists what a matching link to a folder holds: its own reading, then
      else if (behind === "folder") return null;
    }
  }
  return files;
}

function linkTarget(path: string): "file" | "folder" | "other" {
  try {
    const stat = statSync(path);
    return stat.isFile() ? "file" : stat.isDirectory() ? "folder" : "other";
  } catch {
    return "other"; // a dangling link
  }
}
