/**
 * Names of new revisions: the random id, the slug of the message, the file
 * name from the config's fileTemplate, and the docstring's Create Date.
 */
import { randomBytes } from "node:crypto";
import { RevisionError } from "../errors";

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

const pad = (n: number): string => String(n).padStart(2, "0");

/** `2026-11-21 13:00:00 UTC` */
export function formatCreateDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/**
 * File name (with `.ts`) from a template with tokens {rev} {slug} {year}
 * {month} {day} {hour} {minute} {second}, in UTC.
 */
export function revisionFileName(fileTemplate: string, revision: string, message: string, date: Date): string {
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
  return `${trimmed}.ts`;
}
