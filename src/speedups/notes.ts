/**
 * Why a speed-up was not taken (a TypeORM outside the range it was proven
 * on): one line each, for `--debug` (the CLI prints what was gathered) or at
 * once on stderr with `MIGRATOR_DEBUG=1` (for programs that use the API).
 * Never an error or a warning: the plain path gives the same results.
 */
const notes: string[] = [];
const said = new Set<string>();

export function noteSpeedupSkipped(text: string, env: NodeJS.ProcessEnv = process.env): void {
  if (said.has(text)) return;
  said.add(text);
  if (env.MIGRATOR_DEBUG && env.MIGRATOR_DEBUG !== "0") process.stderr.write(`debug: ${text}\n`);
  else notes.push(text);
}

/** The lines gathered since the last call. */
export function takeSpeedupNotes(): string[] {
  return notes.splice(0, notes.length);
}
