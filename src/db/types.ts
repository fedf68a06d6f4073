/**
 * The one executor interface every part of migrator talks to a database
 * through, and the database configs; neutral, so another database's
 * executor can sit beside PostgreSQL's. PostgreSQL has two implementations
 * (src/dialect/postgres/connection): `pg` (a server) and PGlite (the
 * embedded default). Each executor is a single session, so transactions and
 * session-level advisory locks behave the same on both.
 */
export type Row = Record<string, unknown>;

export interface QueryResult<T extends Row = Row> {
  readonly rows: T[];
  readonly rowCount: number;
}

export interface Executor {
  /** `server` for a database server, `embedded` for one running in the process (PGlite). */
  readonly backend: "server" | "embedded";
  /** Where it is connected, for messages: `postgres://user@host:5432/db` (never the password) or the data dir. */
  readonly description: string;
  /** One statement with parameters in the dialect's placeholders ($1.. on PostgreSQL, ? on MySQL). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements separated by semicolons, no parameters. */
  exec(sql: string): Promise<void>;
  /** Run `fn` inside a transaction, committed when it returns, rolled back when it throws (and rethrown). Not re-entrant. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Hold a session-level advisory lock on `key` while `fn` runs. When another
   * session holds it, `onWait` is called once (with the holder's pid and
   * application name when known) and the wait is bounded by `timeoutMs`.
   */
  withAdvisoryLock<T>(key: bigint, fn: () => Promise<T>, options?: AdvisoryLockOptions): Promise<T>;
  close(): Promise<void>;
}

export interface AdvisoryLockOptions {
  readonly timeoutMs?: number;
  readonly onWait?: (holder: string) => void;
}

/**
 * A server given by parts, as a TypeORM DataSource gives it: what is set goes
 * to the driver as TypeORM hands it over (a `url` wins over the parts, as in pg and mysql2).
 */
export interface ServerConnection {
  /** The DataSource's `type` (`postgres`, `mysql`, `mariadb`): which dialect serves it; PostgreSQL when absent. */
  readonly type?: string;
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string | (() => string | Promise<string>);
  readonly database?: string;
  /** pg's `ssl`: true, or TLS options (ca, rejectUnauthorized...). */
  readonly ssl?: boolean | Readonly<Record<string, unknown>>;
}

export type DatabaseConfig =
  | { readonly url: string }
  | { readonly embedded: string }
  /** From a TypeORM DataSource's connection options; not a key of migrator.config.ts. */
  | { readonly server: ServerConnection };
