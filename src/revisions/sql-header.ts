/**
 * The header of an SQL revision file: the first block of `--` comment lines
 * at its top (a blank line, a line of SQL or `-- @UNDO` ends it).
 *
 *   -- revision: 3f2a9c1b7d4e
 *   -- down_revision: 1a2b3c4d5e6f          (`none` for a base; a merge: `a1, b2`)
 *   -- message: add phone
 *   -- create_date: 2026-11-21 13:00:00 UTC
 *   -- branch_labels: core, billing         (optional, comma-separated)
 *   -- depends_on: 1a2b3c4d5e6f             (optional, comma-separated)
 *   -- transactional: false                 (optional)
 *   -- ddl_lock_timeout: 5000               (optional: ms, 0 or none for no lock_timeout)
 *
 * A key line is `--`, at most one blank, a word and a colon; any such line in
 * the header is a key, so a misspelt one is an error instead of a setting
 * silently dropped (and so is a known key below the header). Other comment
 * lines (indented ones, `-- Adds the phone column.`) are free text, kept for
 * `history --verbose`. Read as text, like a .ts header.
 */
import { RevisionError } from "../errors";
import { closestWord } from "../errors/closest";
import { checkId } from "./graph-checks";
import type { RevisionHeader } from "./types";

const KEYS = ["revision", "down_revision", "message", "create_date", "branch_labels", "depends_on", "transactional", "ddl_lock_timeout"] as const;
type Key = (typeof KEYS)[number];

const KEY_LINE = /^[ \t]*--[ \t]?([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)\s*$/;
const COMMENT_LINE = /^[ \t]*--(.*?)\s*$/;
/** The line between the upgrade and the downgrade SQL (at most one blank after the dashes, as a key line). */
export const UNDO_MARKER = /^[ \t]*--[ \t]?@UNDO[ \t]*$/;

export function isSqlRevisionFile(file: string): boolean {
  return file.endsWith(".sql");
}

/**
 * `-- lint-ignore: M001 why it is safe`: a header line that silences a
 * `migrator lint` rule for this revision. It may be repeated; lint reads it
 * (sqlHeaderLines), the revision header does not keep it.
 */
export const LINT_IGNORE_KEY = "lint-ignore";

/** The file's lines, and where its header (the first block of comment lines) starts and ends (index past it). */
export function sqlHeaderLines(text: string): { lines: string[]; start: number; end: number } {
  const lines = text.split(/\r\n|\r|\n/);
  let start = 0;
  while (start < lines.length && lines[start]?.trim() === "") start += 1;
  let end = start;
  for (; end < lines.length; end += 1) {
    const line = lines[end] as string;
    if (line.trim() === "" || UNDO_MARKER.test(line) || !COMMENT_LINE.test(line)) break;
  }
  return { lines, start, end };
}

/** A header line's key and value (`-- key: value`), or undefined for a free comment line. */
export function sqlHeaderKey(line: string): { key: string; value: string } | undefined {
  const match = KEY_LINE.exec(line);
  return match === null ? undefined : { key: match[1] as string, value: match[2] as string };
}

export function parseSqlRevisionHeader(text: string, file: string): RevisionHeader {
  const values = new Map<Key, { value: string; line: number }>();
  const notes: string[] = [];
  const { lines, start, end } = sqlHeaderLines(text);
  let index = start;
  for (; index < end; index += 1) {
    const line = lines[index] as string;
    const key = KEY_LINE.exec(line);
    if (key === null) {
      notes.push((COMMENT_LINE.exec(line)?.[1] ?? "").trimStart());
      continue;
    }
    const name = key[1] as string;
    if (name === LINT_IGNORE_KEY) continue;
    if (!isKey(name)) {
      const near = closestWord(name, KEYS);
      throw new RevisionError(`${file}:${index + 1}: unknown header key \`${name}\`${near === null ? "" : ` (did you mean \`${near}\`?)`}`, {
        hint: `header keys: ${KEYS.join(", ")}; a free comment line in the header must not start with \`word:\` (indent it: \`--   ${name}: ...\`)`,
      });
    }
    const first = values.get(name);
    if (first !== undefined) {
      throw new RevisionError(`${file}:${index + 1}: \`${name}\` is given twice (first at line ${first.line}); a header gives each key once`);
    }
    values.set(name, { value: key[2] as string, line: index + 1 });
  }
  refuseKeysBelowHeader(lines, index, file);
  const revision = values.get("revision");
  if (revision === undefined) {
    throw new RevisionError(`${file} is not a revision file: no \`-- revision: <id>\` line in the comments at its top`, {
      hint: "start the file with `-- revision: <id>` and `-- down_revision: <id>|none`, or prefix its name with _",
    });
  }
  if (revision.value === "") throw new RevisionError(`${file}:${revision.line}: \`revision\` has no value`);
  checkId(revision.value, `${file}:${revision.line}`);
  const id = revision.value;
  const down = values.get("down_revision");
  if (down === undefined) {
    throw new RevisionError(`revision ${id} in ${file} has no \`-- down_revision:\` line (use \`none\` for a base)`);
  }
  if (down.value === "") throw new RevisionError(`${file}:${down.line}: \`down_revision\` has no value (use \`none\` for a base)`);
  const downRevisions = list(down, file, "down_revision");
  for (const parent of downRevisions) checkId(parent, `${file}:${down.line}`);
  const dependsOn = values.get("depends_on");
  const labels = values.get("branch_labels");
  const message = values.get("message")?.value ?? "";
  const createDate = values.get("create_date")?.value;
  return {
    revision: id,
    downRevisions,
    branchLabels: labels === undefined ? [] : list(labels, file, "branch_labels"),
    dependsOn: dependsOn === undefined ? [] : list(dependsOn, file, "depends_on"),
    message,
    path: file,
    createDate: createDate === "" ? undefined : createDate,
    docstring: docstring(message, notes, id, downRevisions, createDate),
    transactional: transactional(values.get("transactional"), file),
    ...ddlLockTimeout(values.get("ddl_lock_timeout"), file),
  };
}

function isKey(name: string): name is Key {
  return (KEYS as readonly string[]).includes(name);
}

/**
 * A blank line ends the header, so a key in the comments after it (and before
 * the first statement) would be silently ignored: `-- transactional: false`
 * there would leave the revision transactional. Such a line is refused.
 */
function refuseKeysBelowHeader(lines: readonly string[], from: number, file: string): void {
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (line.trim() === "") continue;
    if (UNDO_MARKER.test(line) || !COMMENT_LINE.test(line)) return;
    const key = KEY_LINE.exec(line)?.[1];
    if (key !== undefined && (isKey(key) || key === LINT_IGNORE_KEY)) {
      throw new RevisionError(`${file}:${index + 1}: \`${key}\` is below the header, which ends at the first blank line`, {
        hint: "move it up into the first block of comment lines",
      });
    }
  }
}

/** `none` (or nothing) is the empty list; else comma-separated words, none of them empty. */
function list(entry: { value: string; line: number }, file: string, key: Key): string[] {
  if (entry.value === "" || entry.value.toLowerCase() === "none") return [];
  const items = entry.value.split(",").map((item) => item.trim());
  if (items.some((item) => item === "" || /\s/.test(item))) {
    throw new RevisionError(`${file}:${entry.line}: \`${key}\` must be \`none\` or a comma-separated list of ids, not ${JSON.stringify(entry.value)}`, {
      hint: `e.g. -- ${key}: 1a2b3c4d5e6f, 77aa88bb99cc`,
    });
  }
  return items;
}

function transactional(entry: { value: string; line: number } | undefined, file: string): false | undefined {
  if (entry === undefined || entry.value === "true") return undefined;
  if (entry.value === "false") return false;
  throw new RevisionError(`${file}:${entry.line}: \`transactional\` must be true or false, not ${JSON.stringify(entry.value)}`);
}

/** `-- ddl_lock_timeout: 5000` (ms); `0` or `none`: the revision runs without one. */
function ddlLockTimeout(entry: { value: string; line: number } | undefined, file: string): { ddlLockTimeout?: number | null } {
  if (entry === undefined) return {};
  if (entry.value.toLowerCase() === "none") return { ddlLockTimeout: null };
  if (!/^\d+$/.test(entry.value)) {
    throw new RevisionError(`${file}:${entry.line}: \`ddl_lock_timeout\` must be a whole number of milliseconds or none, not ${JSON.stringify(entry.value)}`, {
      hint: "e.g. -- ddl_lock_timeout: 5000",
    });
  }
  const ms = Number(entry.value);
  return { ddlLockTimeout: ms === 0 ? null : ms };
}

/** What history --verbose prints: as a .ts file's doc comment reads. */
function docstring(message: string, notes: readonly string[], id: string, parents: readonly string[], createDate: string | undefined): string {
  const lines = [message, ...notes];
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  lines.push("", `Revision ID: ${id}`, `Revises: ${parents.join(", ")}`.trimEnd());
  if (createDate !== undefined && createDate !== "") lines.push(`Create Date: ${createDate}`);
  while (lines.length > 0 && lines[0]?.trim() === "") lines.shift();
  return lines.join("\n");
}
