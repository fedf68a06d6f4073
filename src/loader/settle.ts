/**
 * Some applications apply decorators a tick after import (a feature-flag
 * column added in `setImmediate`, or once a promise resolves). TypeORM's own
 * `initialize()` connects before it builds metadata, so by then those have
 * run; migrator builds right after the last require, and would miss them
 * (a table without the column, or a destructive phantom `drop column`).
 * So the event loop is given turns until TypeORM's metadata storage stops
 * changing.
 */

/** Turns given at most: deferred decorators are a tick or two late, not a loop. */
const MAX_TURNS = 20;

interface ArgsStorage {
  readonly [list: string]: unknown;
}

export async function settleDecorators(typeorm: object): Promise<void> {
  const storage = (typeorm as { getMetadataArgsStorage?: () => ArgsStorage }).getMetadataArgsStorage?.();
  if (!storage) return;
  let before = fingerprint(storage);
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    // a timer turn and a check turn: promise callbacks run between them
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    await new Promise<void>((resolve) => setImmediate(resolve));
    const after = fingerprint(storage);
    if (after === before) return;
    before = after;
  }
}

/** The lengths of the storage's lists: decorators only ever append to them. */
function fingerprint(storage: ArgsStorage): string {
  const lengths: number[] = [];
  for (const key of Object.keys(storage).sort()) {
    const value = storage[key];
    if (Array.isArray(value)) lengths.push(value.length);
  }
  return lengths.join(",");
}
