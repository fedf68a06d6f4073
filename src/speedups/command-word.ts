/**
 * The word that names a CLI run for the code cache's blob and for the V8
 * settings (entity-loading-tuning.ts): its first argument that is no
 * option. One function, because the two must agree: bytecode is taken under
 * the flags a command runs with, and used again under the same ones.
 */
export function commandWord(argv: readonly string[]): string {
  return argv.find((arg) => !arg.startsWith("-")) ?? "";
}
