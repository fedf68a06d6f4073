/**
 * M013: a silence lint cannot honour: no reason, an unknown code, a
 * malformed `lint` export or `-- lint-ignore:` line. Raised by the engine;
 * not silenceable.
 */
import type { Rule } from "../rule";

export const badSilence: Rule = {
  code: "M013",
  name: "bad-silence",
  severity: "error",
  explanation: "a silenced rule must say why it is safe here, so the next reader can judge it; an unknown code silences nothing",
  fix: "write `export const lint = { ignore: { M001: \"why it is safe\" } }` (.sql: `-- lint-ignore: M001 why it is safe` in the header)",
  check: () => undefined,
};
