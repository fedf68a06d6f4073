/**
 * What MySQL's and MariaDB's failures say: mysql2 gives each error the
 * server's SQLSTATE (`sqlState`, coarse: HY000 for many) and its error
 * number (`errno`, precise), which is what the tests of meaning read.
 */
export function sqlState(error: unknown): string | undefined {
  const state = field(error, "sqlState");
  return typeof state === "string" ? state : undefined;
}

export function errno(error: unknown): number | undefined {
  const value = field(error, "errno");
  return typeof value === "number" ? value : undefined;
}

/** Errors the server sent (an errno and a SQLSTATE), not the client's own (ECONNREFUSED...). */
export function isServerError(error: unknown): boolean {
  return errno(error) !== undefined && sqlState(error) !== undefined;
}

function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}
