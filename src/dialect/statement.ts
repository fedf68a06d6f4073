/** One SQL statement as the dialect emits it, ready for an Executor or for offline output. */
export interface Statement {
  readonly sql: string;
  /** Values for the dialect's placeholders ($1, $2, ... on PostgreSQL; ? on MySQL); absent when the statement has none. */
  readonly params?: unknown[];
  /** false for statements PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY). */
  readonly transactional?: boolean;
}

export function statement(sql: string, extra: { params?: unknown[]; transactional?: boolean } = {}): Statement {
  const result: { sql: string; params?: unknown[]; transactional?: boolean } = { sql };
  if (extra.params !== undefined && extra.params.length > 0) result.params = extra.params;
  if (extra.transactional === false) result.transactional = false;
  return result;
}
