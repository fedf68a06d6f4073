/**
 * The rules about revisions themselves, which every database shares (what lint
 * could not read, what it read only partly, a bad silence), and the full list
 * for a dialect: these and the dialect's own, in code order. A code is never
 * reused: a retired rule keeps its number.
 */
import type { DialectLint } from "../../dialect/lint";
import { compareText } from "../../model/names";
import type { Rule } from "../rule";
import { unreadable } from "./m000-unreadable";
import { partlyRead } from "./m012-partly-read";
import { badSilence } from "./m013-bad-silence";

/** Rules a revision may not silence: what lint could not read, and a bad silence itself. */
export const UNSILENCEABLE: ReadonlySet<string> = new Set([unreadable.code, badSilence.code]);

export function rulesOf(dialect: Pick<DialectLint, "rules">): readonly Rule[] {
  return [unreadable, partlyRead, badSilence, ...dialect.rules].sort((a, b) => compareText(a.code, b.code));
}

export function ruleByCode(rules: readonly Rule[], code: string): Rule | undefined {
  return rules.find((rule) => rule.code === code);
}

export { unreadable, partlyRead, badSilence };
