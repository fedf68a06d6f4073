/**
 * A run without a code cache (a fresh clone: every CI job) resolves about
 * 900 relative requires made inside packages: TypeORM's between its own
 * files, our dist's between ours. Node answers each with a stat of the bare
 * path, a stat with `.js` and a realpath walk, ~50 µs apiece here: ~45 ms of
 * a cold 300-entity `check`. (A warm run answers them from the code cache's
 * kept resolutions, node20-code-cache/resolutions.ts.)
 *
 * Here such a request is answered from one readdir of its directory, where
 * the listing decides it exactly as Node's search would:
 * - the path names a regular file: that file;
 * - else, when the path is absent or a directory, `path.js` is a regular
 *   file: that (Node tries `.js` before any other extension, and before a
 *   directory's package.json or index);
 * - anything else (a symbolic link, a directory without `x.js` beside it,
 *   an unreadable folder) goes to Node.
 * A directory is used only when it is its own realpath, so the answer is
 * the realpath Node would return. Only requires made from files inside
 * node_modules or migrator's own dist/ are answered (a project's own
 * files go through the TypeScript hook), and never with --preserve-symlinks
 * or a policy, which change what Node returns.
 *
 * Reaches into Node's loader (`Module._resolveFilename`); the CLI's entry
 * installs it before the code cache, whose kept answers come first.
 */
import Module from "node:module";
import { readdirSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve, sep } from "node:path";
import { speedupsOn } from "./switch";

type Resolve = (this: unknown, request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

const statics = Module as unknown as { _resolveFilename: Resolve };

/** What a directory entry is, as readdir tells without following it. */
type Kind = "file" | "directory" | "other";

/** A directory's entries by name, or null when it cannot be used (unreadable, or not its own realpath). */
export type Listing = ReadonlyMap<string, Kind> | null;

export function listDirectory(dir: string): Listing {
  try {
    if (realpathSync.native(dir) !== dir) return null;
    const entries = new Map<string, Kind>();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      entries.set(entry.name, entry.isFile() ? "file" : entry.isDirectory() ? "directory" : "other");
    }
    return entries;
  } catch {
    return null;
  }
}

/**
 * The file `request` (relative, from a module in `parentDir`) resolves to, when a listing decides it;
 * undefined to leave it to Node. `list` gives a directory's listing (kept by the caller).
 */
export function resolveFromListing(parentDir: string, request: string, list: (dir: string) => Listing): string | undefined {
  // Node takes `x/`, `x/.` and `x/..` as folders (their package.json or index): left to it
  if (!(request.startsWith("./") || request.startsWith("../")) || /\/\.{0,2}$/.test(request) || request.includes("\0")) return undefined;
  const path = resolve(parentDir, request);
  const dir = dirname(path);
  const base = path.slice(dir.length + (dir.endsWith(sep) ? 0 : 1));
  if (base === "" || base === "." || base === "..") return undefined;
  const entries = list(dir);
  if (entries === null) return undefined;
  const kind = entries.get(base);
  if (kind === "file") return path;
  if (kind === "other") return undefined;
  return entries.get(`${base}.js`) === "file" ? `${path}.js` : undefined;
}

/** Node options under which its answer is not the realpath a listing gives. */
function nodeChangesResolution(env: NodeJS.ProcessEnv): boolean {
  const options = [...process.execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)];
  return options.some((option) => /^--(preserve-symlinks|experimental-policy|experimental-permission|permission)/.test(option));
}

let installed = false;

/** From now on, relative requires inside packages are answered from directory listings (CLI only). */
export function installListedResolution(env: NodeJS.ProcessEnv = process.env): void {
  if (installed || !speedupsOn(env) || nodeChangesResolution(env)) return;
  installed = true;
  // dist/ (src/ under the tests): not the package root, which may hold a project being worked on
  const ownRoot = dirname(__dirname) + sep;
  const packages = `${sep}node_modules${sep}`;
  const listings = new Map<string, Listing>();
  const list = (dir: string): Listing => {
    let listing = listings.get(dir);
    if (listing === undefined) {
      listing = listDirectory(dir);
      listings.set(dir, listing);
    }
    return listing;
  };
  const original = statics._resolveFilename;
  statics._resolveFilename = function resolveListed(this: unknown, request: string, parent: unknown, isMain: boolean, options?: unknown): string {
    const parentFile = (parent as { filename?: unknown } | null | undefined)?.filename;
    if (options === undefined && request.charCodeAt(0) === 46 /* . */ && typeof parentFile === "string" && isAbsolute(parentFile)) {
      if (parentFile.includes(packages) || parentFile.startsWith(ownRoot)) {
        const answer = resolveFromListing(dirname(parentFile), request, list);
        if (answer !== undefined) return answer;
      }
    }
    return original.call(this, request, parent, isMain, options);
  };
}
