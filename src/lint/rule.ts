/** What a lint rule is: a stable code, a short explanation and fix, and a check of one action in its context. */
import type { QualifiedName } from "../model/types";
import type { LintAction, LintStatement, Severity } from "./types";

/** What the engine knows at a statement: what the revision did before it. */
export interface RuleContext {
  /** The revision runs in one transaction (no `transactional = false`). */
  readonly transactional: boolean;
  /** Whether a lock timeout is in force (set earlier in the revision). */
  readonly lockTimeoutSet: boolean;
  /** Created earlier in this revision: nobody else can be using it, and it holds no rows yet. */
  isNew(table: QualifiedName): boolean;
  /** A constraint of this name was added NOT VALID earlier in the same transaction. */
  addedNotValidInTransaction(table: QualifiedName, name: string): boolean;
  /** A validated `column IS NOT NULL` check on the table is known from earlier in the revision. */
  hasValidNotNullCheck(table: QualifiedName, column: string): boolean;
  /** The rule already reported something in this revision. */
  reported(code: string): boolean;
}

/** A rule's finding at one action, before the engine adds where it is. */
export interface Hit {
  readonly message: string;
  /** Replaces the rule's general fix with one for this case. */
  readonly fix?: string;
  /** A rule may report a case it cannot be sure of at a lower severity (documented per rule). */
  readonly severity?: Severity;
}

export interface Rule {
  /** Stable: `M001`. Never reused for another rule. */
  readonly code: string;
  /** Stable too: `index-without-concurrently`. */
  readonly name: string;
  readonly severity: Severity;
  /** One sentence: why it hurts. */
  readonly explanation: string;
  /** One or two sentences: what to write instead. */
  readonly fix: string;
  check(action: LintAction, statement: LintStatement, context: RuleContext): Hit | undefined;
}
