/**
 * A cache file of JSON that is used only when it is exactly what was
 * written: its first line is the SHA-256 of the rest. A truncated, emptied
 * or edited file (a damaged disk, a half-finished copy, a hand edit) reads
 * as no cache, never as a different value, which matters most where a
 * cached value ends up in SQL sent to the server.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeAtomically } from "./write-atomically";

const HEADER = "sha256=";

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Writes `value` with its checksum (atomically; false when it could not be written). */
export function writeVerifiedJson(file: string, value: unknown): boolean {
  const text = JSON.stringify(value);
  return writeAtomically(file, `${HEADER}${digest(text)}\n${text}`);
}

/** The value written, or undefined when the file is missing, damaged or not written by writeVerifiedJson. */
export function readVerifiedJson(file: string): unknown {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const newline = content.indexOf("\n");
  if (!content.startsWith(HEADER) || newline < 0) return undefined;
  const text = content.slice(newline + 1);
  if (content.slice(HEADER.length, newline) !== digest(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
