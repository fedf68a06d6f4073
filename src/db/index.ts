export type { DatabaseConfig, Executor, QueryResult, Row, AdvisoryLockOptions } from "./types";
export { connect, withConnection } from "./connect";
export { describeDatabase, describeUrl } from "./describe";
