/**
 * NODE 20 ONLY (see hook.ts): delete with this folder when Node 20 support is dropped.
 *
 * Module resolution answers kept between runs, for requires made from inside
 * packages (node_modules, and migrator's own files). Node resolves every
 * require anew in each process (stats, realpath, package.json scopes and
 * exports maps): ~60 ms of a 300-entity `check`, most of it inside typeorm.
 *
 * An answer is reused only while the package.json of the requiring package
 * and of the resolved one are both unchanged (an install rewrites them) and
 * the resolved file still exists. Requires made from the project's own
 * files are never kept: a file added there could change what an import
 * means, and nothing would tell.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, sep } from "node:path";

/** [parent directory + NUL + request, resolved file, package.json of the parent, package.json of the resolved]. */
type Entry = [key: string, resolved: string, parentPackage: string, resolvedPackage: string];

/** What is written to the blob: the entries, and each package.json's size and mtime when they were recorded. */
interface Stored {
  readonly entries: Entry[];
  readonly packages: Record<string, [size: number, mtimeMs: number]>;
}

export class Resolutions {
  private readonly learned = new Map<string, string>();
  private readonly packageOf = new Map<string, string | null>();
  /** Resolved files seen to exist in this process. */
  private readonly present = new Set<string>();

  private constructor(
    private readonly trusted: Map<string, string>,
    /** migrator's own compiled files (dist/ or src/), with a trailing separator. */
    private readonly ownRoot: string,
  ) {}

  /** The answers in `stored` whose packages are as they were. */
  static from(stored: unknown, ownRoot: string): Resolutions {
    const trusted = new Map<string, string>();
    if (isStored(stored)) {
      const unchanged = new Map<string, boolean>();
      const same = (file: string): boolean => {
        let known = unchanged.get(file);
        if (known === undefined) {
          const before = stored.packages[file];
          const now = statSync(file, { throwIfNoEntry: false });
          known = before !== undefined && now !== undefined && now.size === before[0] && now.mtimeMs === before[1];
          unchanged.set(file, known);
        }
        return known;
      };
      for (const [key, resolved, parentPackage, resolvedPackage] of stored.entries) {
        if (same(parentPackage) && same(resolvedPackage)) trusted.set(key, resolved);
      }
    }
    return new Resolutions(trusted, ownRoot);
  }

  /** Whether requires made from `file` may be answered from here. */
  covers(file: string): boolean {
    return isAbsolute(file) && (file.includes(`${sep}node_modules${sep}`) || file.startsWith(this.ownRoot));
  }

  /**
   * The kept answer for `request` from a module in `parentDir`, if its file is still there.
   * `loaded` tells whether a file is in require's cache: then it was there a moment ago, and is not
   * looked at again (most of typeorm's ~1000 requires name a module already loaded; a stat each was
   * ~15 ms of a warm 300-entity check).
   */
  lookup(parentDir: string, request: string, loaded: (file: string) => boolean = () => false): string | undefined {
    const key = `${parentDir}\0${request}`;
    const resolved = this.trusted.get(key);
    if (resolved === undefined) return undefined;
    if (this.present.has(resolved) || loaded(resolved) || statSync(resolved, { throwIfNoEntry: false })?.isFile() === true) {
      this.present.add(resolved);
      this.learned.set(key, resolved);
      return resolved;
    }
    this.trusted.delete(key);
    return undefined;
  }

  /** Keeps Node's answer when it lies inside a package too. */
  learn(parentDir: string, request: string, resolved: string): void {
    if (this.covers(resolved)) this.learned.set(`${parentDir}\0${request}`, resolved);
  }

  /** Whether this run found answers the stored ones lack (the blob is worth rewriting). */
  get grew(): boolean {
    for (const key of this.learned.keys()) if (!this.trusted.has(key)) return true;
    return false;
  }

  /** What to store: this run's answers, with the package.json files that vouch for them. */
  toStored(): Stored {
    const entries: Entry[] = [];
    const packages: Stored["packages"] = {};
    for (const [key, resolved] of this.learned) {
      const parentPackage = this.packageJson(key.slice(0, key.indexOf("\0")));
      const resolvedPackage = this.packageJson(dirname(resolved));
      if (parentPackage === null || resolvedPackage === null) continue;
      for (const file of [parentPackage, resolvedPackage]) {
        if (packages[file] !== undefined) continue;
        const stat = statSync(file, { throwIfNoEntry: false });
        if (stat !== undefined) packages[file] = [stat.size, stat.mtimeMs];
      }
      if (packages[parentPackage] !== undefined && packages[resolvedPackage] !== undefined) entries.push([key, resolved, parentPackage, resolvedPackage]);
    }
    return { entries, packages };
  }

  /** The nearest package.json at or above `dir`. */
  private packageJson(dir: string): string | null {
    const known = this.packageOf.get(dir);
    if (known !== undefined) return known;
    const file = join(dir, "package.json");
    const parent = dirname(dir);
    const found = existsSync(file) ? file : parent === dir ? null : this.packageJson(parent);
    this.packageOf.set(dir, found);
    return found;
  }
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== "object" || value === null) return false;
  const { entries, packages } = value as { entries?: unknown; packages?: unknown };
  if (!Array.isArray(entries) || typeof packages !== "object" || packages === null) return false;
  const pairs = Object.values(packages as Record<string, unknown>);
  return (
    entries.every((e) => Array.isArray(e) && e.length === 4 && e.every((part) => typeof part === "string")) &&
    pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === "number"))
  );
}
