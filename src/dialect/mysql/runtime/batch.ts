/**
 * Several statements in one message, a failure pinned on one of them: each
 * is preceded by `SET @migrator_batch = k`, the server stops at the first
 * error, and the variable (the session's, kept after the error) names the
 * statement that failed. Syntax errors too: the server parses each
 * statement of a message when it reaches it.
 */
import type { Executor } from "../../../db/types";
import type { BatchFailure } from "../../runtime";

/** Between statements: a newline first, so a statement ending in a `--` or `#` comment cannot swallow the next. */
const SEPARATOR = "\n;\n";

export async function sendBatch(executor: Executor, pieces: readonly string[]): Promise<BatchFailure | undefined> {
  if (pieces.length === 0) return undefined;
  // a piece's own final semicolon would leave an empty statement, which the server refuses
  const text = pieces.map((sql, k) => `SET @migrator_batch = ${k}${SEPARATOR}${sql.replace(/[\s;]+$/, "")}`).join(SEPARATOR);
  try {
    await executor.exec(text);
    return undefined;
  } catch (error) {
    const at = await executor.query<{ at: unknown }>("SELECT @migrator_batch AS at").then(
      (result) => Number(result.rows[0]?.at),
      () => Number.NaN,
    );
    return { at: Number.isInteger(at) && at >= 0 && at < pieces.length ? at : "ended", error };
  }
}
