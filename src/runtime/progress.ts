/**
 * Progress lines of a long plan, gathered and handed on at most every
 * `intervalMs` as one text of several lines (a thousand trivial steps would
 * otherwise be a thousand writes to stderr). Every line still comes out, in
 * order, within `intervalMs` of its step; flush() hands on the rest at once.
 */
import { type BackfillProgress, tableName } from "./backfill";

export interface LineBatcher {
  add(line: string): void;
  flush(): void;
}

export function batchLines(notify: (text: string) => void, intervalMs = 100): LineBatcher {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join("\n");
    pending = [];
    notify(text);
  };
  return {
    add(line: string): void {
      pending.push(line);
      // a timer, so a line is not held back while the next step runs for minutes; unref'd: it never keeps the process up
      timer ??= setTimeout(flush, intervalMs).unref();
    },
    flush,
  };
}

/**
 * `backfill orders: 120000/1000000 rows`, for the first batch, the last,
 * a resumed start, and otherwise at most once per `intervalMs`.
 */
export function backfillProgressLines(notify: (line: string) => void, intervalMs = 1000): (progress: BackfillProgress) => void {
  let shownAt = Number.NEGATIVE_INFINITY;
  let current = "";
  let seenBatches = 0;
  return (progress) => {
    const now = Date.now();
    const table = tableName(progress.table);
    // a plan's next backfill (another table, or the same one counting its batches from the start)
    const first = table !== current || progress.batches <= seenBatches;
    current = table;
    seenBatches = progress.batches;
    if (!first && !progress.finished && now - shownAt < intervalMs) return;
    shownAt = now;
    const resumed = first && progress.resumedAfter !== undefined ? ` (carried on after ${progress.resumedAfter} rows done by an interrupted run)` : "";
    const done = progress.finished ? `, done in ${progress.batches} batch${progress.batches === 1 ? "" : "es"}` : "";
    notify(`backfill ${table}: ${progress.rowsDone}/${progress.rowsTotal} rows${done}${resumed}`);
  };
}
