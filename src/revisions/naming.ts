/**
 * Names of new revisions: the random id, the slug of the message, the file
 * name from the config's fileTemplate, and the docstring's Create Date.
 */
import { randomBytes } from "node:crypto";
import { RevisionError, UsageError } from "../errors";

const SLUG_LENGTH = 40;

/** 12 random hex characters. */
export function newRevisionId(): string {
  return randomBytes(6).toString("hex");
}

/** The message's words, lower-case, joined by `_`, cut at 40 characters on a word boundary. */
export function slugify(message: string): string {
  const words = message.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}_${word}`;
    if (next.length > SLUG_LENGTH) return slug === "" ? word.slice(0, SLUG_LENGTH) : slug;
    slug = next;
  }
  return slug;
}

/**
 * Control characters other than tab and line feed, and the line and paragraph separators: a
 * carriage return ends a line for TypeScript and for an SQL `--` comment, so
 * it could turn the rest of a message into code in the revision header or
 * into a statement in an offline script.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/gu;

/** One line whatever `text` holds: every control character but tab (line ends included) written as `\uXXXX`. */
export function printableLine(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
}

/**
 * A revision message as data: trimmed, Windows line ends made `\n`. Line
 * feeds are kept (a multi-line message, as Alembic allows: the first line is
 * the message, the rest stays in the doc comment); other control characters
 * are refused with one line naming the first.
 */
export function checkMessage(message: string): string {
  const text = message.replace(/\r\n/g, "\n").trim();
  const bad = FORBIDDEN.exec(text);
  if (bad !== null) {
    const code = `U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new UsageError(`the revision message contains the control character ${code} at position ${bad.index + 1}`, {
      hint: "a message is plain text: use line feeds for several lines, and no other control characters",
    });
  }
  // a usage error, as a missing -m is: both are the command line's fault
  if (text === "") throw new UsageError("a revision needs a message (-m)", { hint: 'e.g. -m "add users"' });
  return text;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** `2026-11-21 13:00:00 UTC` */
export function formatCreateDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/**
 * File name (with `.ts`, or `extension`) from a template with tokens {rev}
 * {slug} {year} {month} {day} {hour} {minute} {second}, in UTC.
 */
export function revisionFileName(fileTemplate: string, revision: string, message: string, date: Date, extension = ".ts"): string {
  const tokens: Record<string, string> = {
    rev: revision,
    slug: slugify(message),
    year: String(date.getUTCFullYear()),
    month: pad(date.getUTCMonth() + 1),
    day: pad(date.getUTCDate()),
    hour: pad(date.getUTCHours()),
    minute: pad(date.getUTCMinutes()),
    second: pad(date.getUTCSeconds()),
  };
  const name = fileTemplate.replace(/\{(\w+)\}/g, (whole, token: string) => {
    const value = tokens[token];
    if (value === undefined) {
      throw new RevisionError(`fileTemplate "${fileTemplate}" uses unknown token ${whole}`, {
        hint: "tokens: {rev} {slug} {year} {month} {day} {hour} {minute} {second}",
      });
    }
    return value;
  });
  // an empty slug must not leave a dangling separator
  const trimmed = name.replace(/[_\-. ]+$/, "").replace(/^[_\-. ]+/, "");
  if (trimmed === "" || /[\\/]/.test(trimmed)) {
    throw new RevisionError(`fileTemplate "${fileTemplate}" gives an unusable file name "${name}"`);
  }
  return `${trimmed}${extension}`;
}
