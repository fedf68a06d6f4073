/** Every rule, in code order. A code is never reused: a retired rule keeps its number. */
import type { Rule } from "../rule";
import { unreadable } from "./m000-unreadable";
import { indexWithoutConcurrently } from "./m001-index-without-concurrently";
import { constraintBuildsIndex } from "./m002-constraint-builds-index";
import { constraintValidatedUnderLock } from "./m003-constraint-validated-under-lock";
import { setNotNullScan } from "./m004-set-not-null-scan";
import { typeChangeRewrite } from "./m005-type-change-rewrite";
import { volatileDefault } from "./m006-volatile-default";
import { rename } from "./m007-rename";
import { drop } from "./m008-drop";
import { noLockTimeout } from "./m009-no-lock-timeout";
import { transactionControl } from "./m010-transaction-control";
import { needsNoTransaction } from "./m011-needs-no-transaction";
import { partlyRead } from "./m012-partly-read";
import { badSilence } from "./m013-bad-silence";

export const RULES: readonly Rule[] = [
  unreadable,
  indexWithoutConcurrently,
  constraintBuildsIndex,
  constraintValidatedUnderLock,
  setNotNullScan,
  typeChangeRewrite,
  volatileDefault,
  rename,
  drop,
  noLockTimeout,
  transactionControl,
  needsNoTransaction,
  partlyRead,
  badSilence,
];

/** Rules a revision may not silence: what lint could not read, and a bad silence itself. */
export const UNSILENCEABLE: ReadonlySet<string> = new Set([unreadable.code, badSilence.code]);

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((rule) => rule.code === code);
}

export { unreadable, partlyRead, badSilence };
