/**
 * PostgreSQL's own parser (libpg-query: the server's grammar compiled to
 * WebAssembly), loaded on first use only: `lint` and autogenerate's lint of
 * raw SQL pay its ~20 ms, no other command loads it.
 */
import type { ParseResult } from "libpg-query";

type Parser = typeof import("libpg-query");

let loading: Promise<Parser> | undefined;

async function parser(): Promise<Parser> {
  loading ??= (async () => {
    const module = await import("libpg-query");
    await module.loadModule();
    return module;
  })();
  return loading;
}

export type Parsed = { readonly ok: true; readonly result: ParseResult } | { readonly ok: false; readonly message: string; readonly position?: number };

/** The statements of `sql` as the server's parser reads them; a syntax error as its message and byte offset. */
export async function parseSql(sql: string): Promise<Parsed> {
  const { parseSync } = await parser();
  try {
    return { ok: true, result: parseSync(sql) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    return { ok: false, message, ...(details?.cursorPosition === undefined ? {} : { position: details.cursorPosition }) };
  }
}
