/**
 * The TypeORM versions the metadata-build shortcuts (typeorm-builder-patches,
 * typeorm-indexed-args) were proven on: each replaces private methods of
 * TypeORM's, and test/unit/speedups/typeorm-shortcuts.test.ts shows the
 * build gives the same metadata and model with and without them. They were
 * proven on 1.1.1 (the version in package-lock.json); patch releases of 1.1
 * are taken too, since the builder patches still check the shape of the
 * source they replace. Before widening the range, run that test (and
 * test/db/speedups) against the new version.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PROVEN = { major: 1, minor: 1, fromPatch: 1 };
export const PROVEN_RANGE = ">=1.1.1 <1.2.0";

/** Whether `version` (x.y.z, a prerelease tail is not proven) lies in PROVEN_RANGE. */
export function provenTypeormVersion(version: string | undefined): boolean {
  const match = version === undefined ? null : /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) return false;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return major === PROVEN.major && minor === PROVEN.minor && patch >= PROVEN.fromPatch;
}

/**
 * The version of the typeorm copy `typeorm` was loaded from (the user's
 * project's, not necessarily ours): the package.json of its package folder.
 */
export function typeormVersionOf(typeorm: object): string | undefined {
  const entry = Object.values(require.cache).find((m) => m?.exports === typeorm);
  if (!entry) return undefined;
  // typeorm's main is index.js at the package's top; walk up in case a later version moves it
  for (let dir = dirname(entry.filename), up = 0; up < 4; dir = dirname(dir), up++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "typeorm") return typeof pkg.version === "string" ? pkg.version : undefined;
    } catch {
      // no package.json here
    }
  }
  return undefined;
}
