/**
 * Static header scan: read each revision file as text and pick out the
 * docstring and the `export const revision / downRevision / branchLabels /
 * dependsOn` literals (an .sql file: its `-- key: value` header, see
 * sql-header.ts). Never imports a module, so listing the graph runs no
 * user code and stays fast (plain regexes over each file's head).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RevisionError } from "../errors";
import { HeaderCache } from "./header-cache";
import { ignoredRevisionExtension, noteIgnoredRevisionFile } from "./ignored-files";
import { isSqlRevisionFile, parseSqlRevisionHeader } from "./sql-header";
import type { RevisionHeader } from "./types";

/** Revision files: .ts/.js/.sql, not declarations, not `_private` or `.hidden`. */
export function isRevisionFileName(name: string): boolean {
  if (name.startsWith("_") || name.startsWith(".")) return false;
  if (name.endsWith(".d.ts")) return false;
  return name.endsWith(".ts") || name.endsWith(".js") || name.endsWith(".sql");
}

/** Every revision file under `folder`, recursively, sorted by path. */
export function listRevisionFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) {
    throw new RevisionError(`revision folder ${folder} does not exist`, {
      hint: "create it, run `migrator init`, or fix `migrations` in the config",
    });
  }
  const out: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_") && !entry.name.startsWith(".") && entry.name !== "node_modules") visit(full);
      } else if (isRevisionFileName(entry.name)) {
        out.push(full);
      } else if (ignoredRevisionExtension(entry.name) !== undefined) {
        noteIgnoredRevisionFile(full);
      }
    }
  };
  visit(folder);
  return out.sort();
}

export interface ScanOptions {
  /** Header cache file (see header-cache.ts); without one every file is read and parsed. */
  readonly cacheFile?: string;
}

/** Headers of every revision file in the folders, in folder then path order. */
export function scanRevisionFolders(folders: readonly string[], options: ScanOptions = {}): RevisionHeader[] {
  const cache = options.cacheFile === undefined ? undefined : HeaderCache.open(options.cacheFile);
  const headers: RevisionHeader[] = [];
  for (const folder of folders) {
    for (const file of listRevisionFiles(folder)) {
      headers.push(cache ? cache.header(file, scanRevisionFile) : scanRevisionFile(file));
    }
  }
  cache?.save();
  return headers;
}

export function scanRevisionFile(file: string): RevisionHeader {
  const text = fs.readFileSync(file, "utf8");
  return isSqlRevisionFile(file) ? parseSqlRevisionHeader(text, file) : parseRevisionHeader(text, file);
}

const DOCSTRING = /^\s*(?:#![^\n]*\n\s*)?\/\*\*?([\s\S]*?)\*\//;
const STRING = /"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'|`((?:\\.|[^`\\$])*)`/y;

type Literal = string | string[] | null;

export function parseRevisionHeader(text: string, file: string): RevisionHeader {
  const doc = DOCSTRING.exec(text);
  const docstring = doc ? cleanDocstring(doc[1] as string) : "";
  const message = docstring.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  const createDate = /^Create Date:\s*(.+)$/m.exec(docstring)?.[1]?.trim();

  const revision = readConst(text, "revision", file);
  if (revision === undefined) {
    throw new RevisionError(`${file} is not a revision file: no \`export const revision = "..."\` found`, {
      hint: "move helper files out of the revision folder, or prefix their name with _",
    });
  }
  if (typeof revision !== "string") {
    throw new RevisionError(`${file}: \`revision\` must be a string literal`);
  }
  const down = readConst(text, "downRevision", file);
  if (down === undefined) {
    throw new RevisionError(`revision ${revision} in ${file} has no \`export const downRevision\` (use null for a base)`);
  }
  return {
    revision,
    downRevisions: toList(down),
    branchLabels: toList(readConst(text, "branchLabels", file) ?? null),
    dependsOn: toList(readConst(text, "dependsOn", file) ?? null),
    message,
    path: file,
    createDate,
    docstring,
    transactional: /^[ \t]*export\s+const\s+transactional\b[^=\n]*=\s*false\b/m.test(text) ? false : undefined,
  };
}

function toList(value: Literal): string[] {
  if (value === null) return [];
  return typeof value === "string" ? [value] : value;
}

function cleanDocstring(body: string): string {
  // `*\/` is how a message's `*/` is written inside the comment
  const lines = body.split(/\r?\n/).map((line) => line.replace(/^\s*\*\s?/, "").trimEnd().replace(/\*\\\//g, "*/"));
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}

/**
 * The literal assigned to `export const NAME`, or undefined when there is no
 * such line. The scan does not run code, so the value must be the whole
 * initialiser (`"a3d9" + "9917"` is refused, not read as `a3d9`), and one
 * declaration only (a second one, say in a comment, could be read instead).
 */
function readConst(text: string, name: string, file: string): Literal | undefined {
  const decls = [...text.matchAll(new RegExp(`(?:^|[\\n\\r\\u2028\\u2029])[ \\t]*export\\s+(?:const|let|var)\\s+${name}\\b[^=\\n]*=\\s*`, "g"))];
  const decl = decls[0];
  if (decl === undefined) return undefined;
  if (decls.length > 1) throw new RevisionError(`${file}: \`${name}\` is declared ${decls.length} times; a revision file declares it once`);
  const at = decl.index + decl[0].length;
  const value = readLiteral(text, at);
  if (value === undefined || !endsStatement(text, value.end)) {
    const shown = text.slice(at).split("\n")[0]?.trim().slice(0, 60) ?? "";
    throw new RevisionError(
      `${file}: \`${name}\` must be a string literal, a list of string literals, or null (the scan does not run code), not ${shown}`,
      { hint: `write the value itself, e.g. export const ${name} = ${name === "revision" ? '"1a2b3c4d5e6f"' : name === "downRevision" ? '"1a2b3c4d5e6f" or null' : "[]"};` },
    );
  }
  return value.value;
}

/** After the literal: only blanks, a comment, `as const`, then `;` or the end of the line. */
function endsStatement(text: string, at: number): boolean {
  const rest = /^[ \t]*(?:as[ \t]+const\b)?[ \t]*;?[ \t]*(?:\/\/[^\n]*|\/\*(?:(?!\*\/)[^\n])*\*\/[ \t]*)?(?:\r?\n|$)/.exec(text.slice(at, at + 400));
  return rest !== null;
}

function readLiteral(text: string, at: number): { value: Literal; end: number } | undefined {
  const word = /^(?:null|undefined)(?![\w$])/.exec(text.slice(at, at + 10));
  if (word !== null) return { value: null, end: at + word[0].length };
  if (text[at] === "[") {
    const items: string[] = [];
    let pos = at + 1;
    for (;;) {
      pos = skipBlank(text, pos);
      if (text[pos] === "]") return { value: items, end: pos + 1 };
      const item = readString(text, pos);
      if (!item) return undefined;
      items.push(item.value);
      pos = skipBlank(text, item.end);
      if (text[pos] === ",") pos++;
      else if (text[pos] !== "]") return undefined;
    }
  }
  const string = readString(text, at);
  return string === undefined ? undefined : { value: string.value, end: string.end };
}

function readString(text: string, at: number): { value: string; end: number } | undefined {
  STRING.lastIndex = at;
  const m = STRING.exec(text);
  if (!m) return undefined;
  const raw = m[1] ?? m[2] ?? m[3] ?? "";
  return { value: raw.replace(/\\(.)/g, "$1"), end: at + m[0].length };
}

/** Whitespace and comments between list items. */
function skipBlank(text: string, at: number): number {
  let pos = at;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
    if (text.startsWith("//", pos)) pos = text.indexOf("\n", pos) < 0 ? text.length : text.indexOf("\n", pos);
    else if (text.startsWith("/*", pos)) pos = text.indexOf("*/", pos) < 0 ? text.length : text.indexOf("*/", pos) + 2;
    else return pos;
  }
}
