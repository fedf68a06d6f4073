/**
 * M000: lint could not read the revision: the file does not load, or SQL
 * in it does not parse (the database would refuse it too). Not silenceable.
 */
import type { Rule } from "../rule";

export const unreadable: Rule = {
  code: "M000",
  name: "unreadable",
  severity: "error",
  explanation: "lint cannot check what it cannot read, and a revision that does not load or parse fails when it runs",
  fix: "fix the file or the statement the message names",
  check(action) {
    if (action.kind !== "unparsable") return undefined;
    return { message: `SQL does not parse: ${action.message}` };
  },
};
