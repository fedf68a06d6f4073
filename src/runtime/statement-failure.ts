/**
 * Raised on a statement failure so the runner knows which statement it was;
 * `part` says when it was the step's own bookkeeping ("record") or the
 * COMMIT after it ("commit") rather than one of the step's statements.
 */
export class StatementFailure extends Error {
  constructor(
    readonly statement: string,
    readonly original: unknown,
    readonly part: "statement" | "record" | "commit" = "statement",
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}
