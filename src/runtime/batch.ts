/**
 * A step's statements and its tail (bookkeeping, COMMIT, the next BEGIN) sent
 * as one message through the dialect's batching, a failure pinned on the
 * statement that failed (see the dialect's sendBatch for how).
 */
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import { StatementFailure } from "./statement-failure";

/**
 * A failure is thrown as a StatementFailure naming the statement, or marked
 * as in the tail (`part` "record", or "commit" when the transaction is gone:
 * its COMMIT failed).
 */
export async function sendBatch(dialect: Dialect, executor: Executor, statements: readonly string[], tail?: string): Promise<void> {
  const pieces = tail === undefined ? [...statements] : [...statements, tail];
  const failed = await dialect.runtime.sendBatch(executor, pieces);
  if (failed === undefined) return;
  const { at, error } = failed;
  const isTail = tail !== undefined && (at === "ended" || at === pieces.length - 1);
  if (!isTail) throw new StatementFailure(pieces[at === "ended" ? 0 : at] ?? pieces.join("\n;\n"), error);
  throw new StatementFailure(at === "ended" ? dialect.runtime.transactions.commit : tail, error, at === "ended" ? "commit" : "record");
}
