/**
 * Files in a revision folder that look meant as revisions but are not loaded
 * (.mts, .cts, .mjs, .cjs: the loader runs CommonJS .ts/.js). The scan notes them here and the CLI prints one
 * warning per run after the command, so none is skipped without a word.
 * Kept small: the CLI's start-up loads it.
 */
import { basename, relative } from "node:path";

const noted = new Set<string>();

/** Extensions that are warned about, and what to do. */
const ADVICE: Readonly<Record<string, string>> = {
  ".mts": "rename to .ts",
  ".cts": "rename to .ts",
  ".mjs": "rename to .js",
  ".cjs": "rename to .js",
};

/** The extension of a file the scan skips but should mention, or undefined. */
export function ignoredRevisionExtension(name: string): string | undefined {
  if (name.startsWith("_") || name.startsWith(".") || /\.d\.[mc]ts$/.test(name)) return undefined;
  const dot = name.lastIndexOf(".");
  const ext = dot < 0 ? "" : name.slice(dot).toLowerCase();
  return ADVICE[ext] === undefined ? undefined : ext;
}

export function noteIgnoredRevisionFile(path: string): void {
  noted.add(path);
}

/** The warning lines for the files noted since the last call (then forgotten), paths relative to `cwd`. */
export function takeIgnoredRevisionFileWarnings(cwd: string): string[] {
  if (noted.size === 0) return [];
  const files = [...noted].sort();
  noted.clear();
  const byAdvice = new Map<string, string[]>();
  for (const file of files) {
    const advice = ADVICE[ignoredRevisionExtension(basename(file)) ?? ""] ?? "";
    byAdvice.set(advice, [...(byAdvice.get(advice) ?? []), relative(cwd, file) || file]);
  }
  return [...byAdvice].map(
    ([advice, list]) => `${list.length === 1 ? "this file in the revision folder is" : "these files in the revision folder are"} ignored: ${list.join(", ")} (${advice})`,
  );
}
