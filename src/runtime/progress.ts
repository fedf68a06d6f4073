/**
 * Progress lines of a long plan, gathered and handed on at most every
 * `intervalMs` as one text of several lines (a thousand trivial steps would
 * otherwise be a thousand writes to stderr). Every line still comes out, in
 * order, within `intervalMs` of its step; flush() hands on the rest at once.
 */
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
