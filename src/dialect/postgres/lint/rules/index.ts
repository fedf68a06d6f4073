/** PostgreSQL's lint rules: what its locks, rewrites and transactions make risky on a busy table. Codes are never reused. */
import type { Rule } from "../../../lint";
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

export const POSTGRES_RULES: readonly Rule[] = [
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
];
