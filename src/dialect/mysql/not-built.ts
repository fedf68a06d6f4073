/**
 * A part of the MySQL/MariaDB dialect that is still being built: any use
 * fails with a message saying so. Each part file replaces its placeholder
 * with the real object; nothing chooses this dialect until all parts are real.
 */
export function notBuilt<T extends object>(part: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      if (key === "then") return undefined;
      throw new Error(`the MySQL/MariaDB dialect's ${part} part is not built yet (asked for ${String(key)})`);
    },
  });
}
