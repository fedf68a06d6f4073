/** An Executor that counts the round trips another one makes: query and exec calls, BEGIN/COMMIT included. */
import type { Executor } from "../../../src/db/types";

export function counting(inner: Executor): { executor: Executor; roundTrips: () => number } {
  let calls = 0;
  const executor: Executor = {
    backend: inner.backend,
    description: inner.description,
    query: (sql, params) => {
      calls += 1;
      return inner.query(sql, params);
    },
    exec: (sql) => {
      calls += 1;
      return inner.exec(sql);
    },
    // BEGIN and COMMIT/ROLLBACK are two more round trips
    transaction: (fn) => {
      calls += 2;
      return inner.transaction(fn);
    },
    withAdvisoryLock: (key, fn, options) => inner.withAdvisoryLock(key, fn, options),
    close: () => inner.close(),
  };
  return { executor, roundTrips: () => calls };
}
