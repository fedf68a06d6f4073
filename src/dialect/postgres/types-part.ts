import type { DialectTypes } from "../types";
import { castLiteral, shortDefault } from "./types/defaults";
import { entityEnumType, enumTypeName, overlongIdentifier, printIdentifier, serialSequenceName } from "./types/identifiers";
import { canonicalTypeName, shortTypeName } from "./types/spelling";
import { needsUsing, usingCast } from "./types/type-change";
import { elementType, isWidening, parseType } from "./types/widening";

export const postgresTypes: DialectTypes = Object.freeze({
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
