/**
 * V8 settings for a CLI run that loads entities (young-generation.ts,
 * tiering.ts), applied when loading starts rather than at the CLI's entry:
 * `heads`, `history` or `--help` end in about 100 ms, before either pays
 * back, and loading `node:v8` (with the streams it pulls in) cost them a few
 * ms. The CLI's entry asks for them; a program using the API never gets
 * them (they are process-wide).
 */
let wanted = false;
let applied = false;

/** The CLI's entry: apply the settings when entities start loading. */
export function tuneWhenEntitiesLoad(): void {
  wanted = true;
}

/** Called as entity loading starts: applies the settings once, if the CLI asked. */
export async function applyEntityLoadingTuning(): Promise<void> {
  if (!wanted || applied) return;
  applied = true;
  (await import("./young-generation")).growYoungGenerationFaster();
  (await import("./tiering")).optimiseOnlyWhatStaysHot();
}
