/**
 * M012: the revision called `op.query()`, which needs a database: lint
 * reads revisions without one, so it stopped there and did not check what
 * came after. Raised by the engine; silenceable.
 */
import type { Rule } from "../rule";

export const partlyRead: Rule = {
  code: "M012",
  name: "partly-read",
  severity: "warning",
  explanation: "lint reads a revision without a database, so a revision that asks the database (op.query) is checked only up to that call",
  fix: "check what follows the op.query() call by hand, then silence this with the reason",
  check: () => undefined,
};
