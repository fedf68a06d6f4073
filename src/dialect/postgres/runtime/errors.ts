/** What PostgreSQL's failures mean, by SQLSTATE. */
import { sqlState } from "../connection/executor";

/** SQLSTATEs of `... already exists`: table, column, object, schema, function. */
const ALREADY_EXISTS = new Set(["42P07", "42701", "42710", "42P06", "42723"]);

export function alreadyExists(error: unknown): boolean {
  return ALREADY_EXISTS.has(sqlState(error) ?? "");
}
