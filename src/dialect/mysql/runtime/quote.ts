/**
 * What the runtime adds to the dialect's quoting (../quote.ts, which it
 * re-exports for its files): its tables' schema as an information_schema
 * value, and the log's times as literals.
 */
import type { QualifiedName } from "../../../model/types";
import { DEFAULT_SCHEMA } from "../../../model/types";

export { qualified, quoteIdent, quoteLiteral } from "../quote";

/** The schema as a value for information_schema (null: the connection's database, where `qualified` leaves the default schema). */
export function schemaValue(name: QualifiedName): string | null {
  return name.schema === DEFAULT_SCHEMA ? null : name.schema;
}

/** A Date as a DATETIME(6) literal in UTC (the log's times are UTC). */
export function utcDatetime(date: Date): string {
  return `'${date.toISOString().replace("T", " ").replace("Z", "")}'`;
}
