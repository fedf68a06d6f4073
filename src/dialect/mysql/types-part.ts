import type { DialectTypes } from "../types";
import { castLiteral, entityEnumType, enumTypeName, overlongIdentifier, printIdentifier, serialSequenceName, shortDefault } from "./types/identifiers";
import { canonicalTypeName, shortTypeName } from "./types/spelling";
import { needsUsing, usingCast } from "./types/type-change";
import { elementType, isWidening, parseType } from "./types/widening";

export const mysqlTypes: DialectTypes = Object.freeze({
  parse: parseType,
  element: elementType,
  canonicalName: canonicalTypeName,
  shortName: shortTypeName,
  isWidening,
  needsUsing,
  usingCast,
  printIdentifier,
  enumTypeName,
  castLiteral,
  shortDefault,
  entityEnumType,
  overlongIdentifier,
  serialSequenceName,
});
