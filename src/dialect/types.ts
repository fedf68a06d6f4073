/**
 * Type and name spellings, and which type changes are widenings. The
 * interface is declared in src/model (model/dialect-types.ts), where ops, diff,
 * render and entities can take it as a parameter without importing a dialect.
 */
export type { DialectTypes, IsEnum, ParsedType } from "../model/dialect-types";
