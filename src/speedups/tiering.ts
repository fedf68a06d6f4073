/**
 * V8 optimises a function with TurboFan once it has run for a budget of
 * bytecodes, on a background thread. A cold `check` is over in well under
 * a second, and on a two-core runner those compilations (about 150 ms of
 * CPU at 300 entities) ran beside the main thread and swc's compiling
 * thread, for code that mostly would not run long enough to pay them back.
 * Four times the budget keeps what is truly hot (the diff of thousands of
 * tables, a long upgrade) optimised, a little later.
 *
 * Reaches into V8's flags at run time (`v8.setFlagsFromString`), read each
 * time a function's budget runs out. The CLI's entry sets it.
 */
import { speedupsOn } from "./switch";

/** V8 11's default budget (132 KB of bytecode), four times over. */
export const INTERRUPT_BUDGET = 4 * 132 * 1024;

export function optimiseOnlyWhatStaysHot(env: NodeJS.ProcessEnv = process.env): void {
  if (!speedupsOn(env)) return;
  // loaded here, not on import: node:v8 pulls in streams, a few ms for commands that never call this
  const { setFlagsFromString } = require("node:v8") as typeof import("node:v8");
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
