import type { QualifiedName } from "../model/types";

/** How one database quotes: the only place generated SQL gets an identifier or a string literal from. */
export interface DialectQuoting {
  /** An identifier, always quoted (case, dots, spaces and keywords survive); refuses one the database would truncate. */
  ident(name: string): string;
  /** `schema.name`, each part quoted. */
  qualified(name: QualifiedName): string;
  /** Text as a string literal that means the same under every server setting. */
  literal(value: string): string;
  /** Any JS value as a literal, for offline output where parameters cannot be bound. */
  value(value: unknown): string;
  /**
   * SQL text (a type, default, check, predicate, view body) with the schema
   * qualifier `from.` of its names moved to `to.`, or dropped when `to` is
   * null; literals and other names untouched. For a database with schemas
   * inside it: a revision written for one schema, run on a tenant's.
   */
  requalify?(sql: string, from: string, to: string | null): string;
}
