export { toSql, MAX_PARAMS } from "./to-sql";
export { toOfflineSql, inlineParams } from "./offline";
export type { Statement } from "../statement";
export { findTransactionControl } from "./transaction-control";
