/** The installed packages' files, for tests that check a speed-up against every module of a package. */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";

/** `require` as the repository resolves it. */
export const projectRequire = createRequire(join(__dirname, "..", "..", "package.json"));

export const typeormRoot = dirname(projectRequire.resolve("typeorm"));

/** A package's folder, found through its main file (some export no package.json). */
export function packageRoot(name: string): string {
  return join(projectRequire.resolve(name).split(`${sep}node_modules${sep}`)[0]!, "node_modules", name);
}

/** Files under `dir` whose name matches `pattern`, not descending into folders named in `skip`. */
export function filesUnder(dir: string, pattern: RegExp, skip: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skip.includes(entry.name) ? [] : filesUnder(path, pattern, skip);
    return pattern.test(entry.name) ? [path] : [];
  });
}

/** TypeORM's own CommonJS modules (not its browser build, nor packages nested in it). */
export function typeormFiles(): string[] {
  return filesUnder(typeormRoot, /\.js$/, ["node_modules", "browser"]);
}
