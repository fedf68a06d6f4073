export type { DatabaseConfig, Executor, QueryResult, Row, AdvisoryLockOptions, ServerConnection } from "./types";
