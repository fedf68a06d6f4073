/**
 * Several statements in one simple-protocol message, with a savepoint between
 * each two, so a failure can still be pinned on one statement: PostgreSQL
 * stops at the first error, and afterwards `ROLLBACK TO SAVEPOINT` succeeds
 * only for the savepoints it passed. An error with a position (syntax errors,
 * unknown relations: the whole message is parsed before anything runs) is
 * placed by that position instead. Only used inside a transaction, which the
 * caller rolls back after a failure.
 */
import type { Executor } from "../../../db/types";
import type { BatchFailure } from "../../runtime";
import { sqlState } from "../connection/executor";

/** Between statements: a newline first, so a statement ending in a `--` comment cannot swallow the next. */
const SEPARATOR = "\n;\n";
const NO_SAVEPOINT = "3B001";
const NO_TRANSACTION = "25P01";

const savepoint = (k: number): string => `migrator_batch_${k}`;

export async function sendBatch(executor: Executor, pieces: readonly string[]): Promise<BatchFailure | undefined> {
  if (pieces.length === 0) return undefined;
  let text = "";
  const starts: number[] = [];
  pieces.forEach((sql, k) => {
    if (k > 0) text += `${SEPARATOR}SAVEPOINT ${savepoint(k)}${SEPARATOR}`;
    starts.push(text.length);
    text += sql;
  });
  try {
    await executor.exec(text);
    return undefined;
  } catch (error) {
    return { at: pieceAtPosition(error, text, starts) ?? (await probe(executor, pieces.length)), error };
  }
}

/** The piece holding the error's character position (1-based, in code points), when PostgreSQL gave one. */
function pieceAtPosition(error: unknown, text: string, starts: readonly number[]): number | undefined {
  const raw = typeof error === "object" && error !== null ? (error as { position?: unknown }).position : undefined;
  const position = Number(raw);
  if (raw === undefined || raw === null || !Number.isInteger(position) || position < 1) return undefined;
  // code points to UTF-16 offset
  let offset = 0;
  for (let seen = 1; seen < position && offset < text.length; seen++) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  let found: number | undefined;
  for (const [k, start] of starts.entries()) if (start <= offset) found = k;
  return found;
}

/** The piece that failed, from the savepoints that exist; "ended" when no transaction is left. */
async function probe(executor: Executor, pieces: number): Promise<number | "ended"> {
  // savepoint k precedes piece k; 0 never exists and only tells a failed piece 0 from an ended transaction
  for (let k = pieces - 1; k >= 0; k--) {
    try {
      await executor.exec(`ROLLBACK TO SAVEPOINT ${savepoint(k)}`);
      return k;
    } catch (error) {
      const code = sqlState(error);
      if (code === NO_TRANSACTION) return "ended";
      if (code !== NO_SAVEPOINT) return 0;
    }
  }
  return 0;
}
