/**
 * Rules a revision silences, each with the reason it is safe there:
 *   .ts:  export const lint = { ignore: { M001: "the table is empty in every deployment" } };
 *   .sql: -- lint-ignore: M001 the table is empty in every deployment   (header lines, repeatable)
 * A silence without a reason, of an unknown code, or of a rule that cannot
 * be silenced is itself a finding (M013), and silences nothing.
 */
import { LINT_IGNORE_KEY, sqlHeaderKey, sqlHeaderLines } from "../revisions/sql-header";
import { finding } from "./engine";
import { badSilence, ruleByCode, UNSILENCEABLE } from "./rules";
import type { Rule } from "./rule";
import type { LintFinding, LintLocation } from "./types";

export interface Silences {
  /** code -> reason. */
  readonly reasons: ReadonlyMap<string, string>;
  /** What was wrong with them (M013 findings). */
  readonly problems: readonly LintFinding[];
}

const NONE: Silences = { reasons: new Map(), problems: [] };

/** A .ts revision's `export const lint` value. */
export function silencesOfExport(value: unknown, rules: readonly Rule[]): Silences {
  if (value === undefined) return NONE;
  const ignore = typeof value === "object" && value !== null ? (value as { ignore?: unknown }).ignore : undefined;
  if (typeof ignore !== "object" || ignore === null || Array.isArray(ignore)) {
    return { reasons: new Map(), problems: [problem("`export const lint` must be `{ ignore: { CODE: \"reason\" } }`")] };
  }
  return collect(
    Object.entries(ignore).map(([code, reason]) => ({ code, reason: typeof reason === "string" ? reason : undefined })),
    rules,
  );
}

/** An .sql revision's `-- lint-ignore: CODE reason` header lines. */
export function silencesOfSqlHeader(text: string, rules: readonly Rule[]): Silences {
  const { lines, start, end } = sqlHeaderLines(text);
  const entries: Entry[] = [];
  for (let index = start; index < end; index += 1) {
    const key = sqlHeaderKey(lines[index] as string);
    if (key?.key !== LINT_IGNORE_KEY) continue;
    const match = /^(\S+)\s*(.*)$/.exec(key.value);
    entries.push({ code: match?.[1] ?? "", reason: match?.[2], at: { line: index + 1 } });
  }
  return collect(entries, rules);
}

interface Entry {
  readonly code: string;
  readonly reason: string | undefined;
  readonly at?: LintLocation;
}

function collect(entries: readonly Entry[], rules: readonly Rule[]): Silences {
  const reasons = new Map<string, string>();
  const problems: LintFinding[] = [];
  for (const { code, reason, at } of entries) {
    const rule = ruleByCode(rules, code);
    if (code === "") problems.push(problem("a lint-ignore line names no rule", at));
    else if (rule === undefined) problems.push(problem(`${code} is not a lint rule`, at));
    else if (UNSILENCEABLE.has(code)) problems.push(problem(`${code} (${rule.name}) cannot be silenced`, at));
    else if (reason === undefined || reason.trim() === "") problems.push(problem(`${code} (${rule.name}) is silenced without a reason`, at));
    else reasons.set(code, reason.trim());
  }
  return { reasons, problems };
}

function problem(message: string, at?: LintLocation): LintFinding {
  const found = finding(badSilence, { message });
  return at === undefined ? found : { ...found, at };
}
