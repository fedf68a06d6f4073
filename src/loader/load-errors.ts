/**
 * Where a load failed, for a message a user can act on: the file whose
 * import did not resolve (not the entity file that started the chain), the
 * specifier, and the chain of imports that led there; the file, line and
 * column of a syntax error.
 */
import { relative } from "node:path";

export interface LoadSite {
  /** The file that failed: it could not be compiled, threw while running, or imported what does not resolve. */
  readonly file: string;
  /** The import that did not resolve, when that is the failure. */
  readonly specifier?: string;
  /** From the first file loaded down to `file`. */
  readonly chain: readonly string[];
  /** Whether `file` runs as an ES module (Node's own loader, not our CommonJS output). */
  readonly esm?: boolean;
}

const SITE = Symbol.for("migrator.loadSite");

interface ModuleLike {
  readonly filename?: string;
  readonly parent?: ModuleLike | null;
}

/** The chain of files that required `module`, outermost first. */
export function importChain(module: ModuleLike | undefined): string[] {
  const chain: string[] = [];
  const seen = new Set<ModuleLike>();
  for (let at = module; at && !seen.has(at); at = at.parent ?? undefined) {
    seen.add(at);
    // createRequire(file) makes a module of the same name the parent of the real one
    if (at.filename && at.filename !== chain[0]) chain.unshift(at.filename);
  }
  return chain;
}

/** Record where an error arose; the innermost site (the first to record) wins. */
export function markLoadSite(error: unknown, site: LoadSite): void {
  if (typeof error !== "object" || error === null || SITE in error) return;
  Object.defineProperty(error, SITE, { value: site, enumerable: false });
}

export function loadSiteOf(error: unknown): LoadSite | undefined {
  return typeof error === "object" && error !== null && SITE in error ? ((error as Record<symbol, LoadSite>)[SITE] as LoadSite) : undefined;
}

/**
 * One line for a failure to load `entry` (an entity, config or DataSource
 * file, called `what`): what went wrong, in which file, and how that file was
 * reached from `entry`.
 */
export function describeLoadFailure(error: unknown, where: { root: string; entry: string; what?: string }): { message: string; hint?: string } {
  const shown = (file: string): string => relative(where.root, file) || file;
  const named = where.what ? `${where.what} ` : "";
  const head = `cannot load ${named}${shown(where.entry)}`;
  const site = loadSiteOf(error);
  const text = (error instanceof Error ? error.message : String(error)).replace(/\x1b\[[0-9;]*m/g, "");
  const syntax = syntaxError(text);
  const importers = site ? site.chain.slice(0, -1) : [];
  const via = importers.length > 0 ? ` (imported by ${importers.map(shown).join(" → ")})` : "";
  if (syntax) {
    const file = site?.file ?? syntax.file;
    const at = `${shown(file)}:${syntax.line}:${syntax.column}`;
    return file === where.entry
      ? { message: `syntax error in ${named}${at}: ${syntax.what}` }
      : { message: `${head}: syntax error in ${at}: ${syntax.what}${via}` };
  }
  const reason = firstLine(text);
  if (site?.specifier !== undefined) {
    const from = site.file === where.entry ? "" : ` imported by ${shown(site.file)}`;
    return {
      message: `${head}: cannot resolve "${site.specifier}"${from}${via}`,
      hint: /^[./]/.test(site.specifier)
        ? "check the path and the file's extension"
        : "is the package installed, or the alias in the nearest tsconfig.json's \"paths\"?",
    };
  }
  if (!site || site.file === where.entry) return { message: `${head}: ${reason}`, hint: site ? cycleHint(text, site, shown) : undefined };
  return { message: `${head}: ${shown(site.file)}: ${reason}${via}`, hint: cycleHint(text, site, shown) };
}

/** Advice for the failures an import cycle causes; Relation<> only where it is the fix (ES modules). */
function cycleHint(text: string, site: LoadSite, shown: (file: string) => string): string | undefined {
  if (site.chain.length < 2) return undefined;
  if (site.esm && /before initialization/.test(text)) {
    return "an ES module reads a class of an import cycle before it is defined: type relation properties as Relation<Other> (import type) so no design:type reads it";
  }
  if (/before initialization|Class extends value|is not a constructor|of undefined/.test(text)) {
    return `an import cycle gives ${shown(site.file)} a value that has not been defined yet; break the cycle (a base class must not import its subclasses)`;
  }
  return undefined;
}

/**
 * swc frames a syntax error: "x Expression expected", then ",-[/path/file.ts:4:1]"
 * (the line), the source lines as " 4 |   x: number = ;" and a caret line
 * "   :               ^" under the column.
 */
function syntaxError(text: string): { file: string; line: number; column: number; what: string } | null {
  const what = /^\s*(?:x|×)\s+(.+)$/m.exec(text);
  const where = /,-\[(.+):(\d+):(\d+)\]/.exec(text);
  if (!what || !where) return null;
  const caret = /^(\s*):( *)\^/m.exec(text.slice(where.index));
  const column = caret ? caret[2].length : Number(where[3]);
  return { file: where[1], line: Number(where[2]), column, what: what[1].trim() };
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim())?.trim().slice(0, 300) ?? "unknown error";
}
