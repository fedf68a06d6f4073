import { type Interruption, describeInterruption, interruptionHint } from "../../runtime/interrupted";

/** Two lines per interrupted step: what happened and what may be half-done, then the ways out. */
export function formatInterruptions(interrupted: readonly Interruption[]): string[] {
  return interrupted.flatMap((step) => [`interrupted: ${describeInterruption(step)}`, `  ${interruptionHint(step)}`]);
}
