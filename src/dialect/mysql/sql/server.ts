/**
 * Which server the SQL is for. Most forms are the same on every MySQL 5.7+ /
 * MariaDB 10.2+ server; a few are not (RENAME COLUMN and RENAME INDEX). The
 * op layer does not know the server, so the dialect is told: `mysqlSqlFor`
 * (sql-part.ts) builds the SQL part for a server read from `SELECT VERSION()`,
 * and the part the Dialect object carries, used where no server is known
 * (offline `--sql` output), writes for the baseline the issue names:
 * MariaDB 10.5+ and MySQL 8.0+, which share every form used here.
 */
export interface MysqlServer {
  readonly flavor: "mariadb" | "mysql";
  /** [major, minor, patch]. */
  readonly version: readonly [number, number, number];
}

/** What the SQL part assumes when no server is known: MariaDB 10.5 (MySQL 8.0 has the same forms). */
export const BASELINE_SERVER: MysqlServer = Object.freeze({ flavor: "mariadb", version: Object.freeze([10, 5, 2] as [number, number, number]) });

/** `10.11.19-MariaDB-0+deb12u1`, `8.0.36`, `5.5.5-10.6.12-MariaDB` -> flavor and version. */
export function parseServerVersion(text: string): MysqlServer {
  const mariadb = /mariadb/i.test(text);
  // MariaDB behind the old replication prefix `5.5.5-` reports its own version after it
  const numbers = [...text.matchAll(/(\d+)\.(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number]);
  const version = (mariadb ? numbers.find((n) => n[0] >= 10) : undefined) ?? numbers[0] ?? [0, 0, 0];
  return Object.freeze({ flavor: mariadb ? "mariadb" : "mysql", version: Object.freeze(version) });
}

function atLeast(server: MysqlServer, major: number, minor: number, patch = 0): boolean {
  const [a, b, c] = server.version;
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

/** ALTER TABLE ... RENAME COLUMN: MariaDB 10.5.2+, MySQL 8.0+. Older servers need CHANGE COLUMN with the whole definition. */
export function hasRenameColumn(server: MysqlServer): boolean {
  return server.flavor === "mariadb" ? atLeast(server, 10, 5, 2) : atLeast(server, 8, 0);
}

/** ALTER TABLE ... RENAME INDEX: MariaDB 10.5.2+, MySQL 5.7+. */
export function hasRenameIndex(server: MysqlServer): boolean {
  return server.flavor === "mariadb" ? atLeast(server, 10, 5, 2) : atLeast(server, 5, 7);
}
