/**
 * Names and the PostgreSQL-only type notions as MySQL has them: the server
 * prints identifiers in expressions backquoted (`` `n` * 2 ``), an enum is a
 * column type (`enum('a','b')`) and not a named type, and AUTO_INCREMENT
 * needs no sequence. What has no meaning here refuses with a sentence saying so.
 */
import { MigratorError } from "../../../errors";
import type { IsEnum } from "../../../model/dialect-types";
import type { QualifiedName } from "../../../model/types";
import { backquoted, identifierProblem, quoteLiteral } from "../quote";

/** MySQL and MariaDB print every identifier inside an expression backquoted (generation expressions, checks). */
export function printIdentifier(name: string): string {
  return backquoted(name);
}

function noNamedEnums(name: QualifiedName): never {
  throw new MigratorError(`MySQL and MariaDB have no enum types (asked for ${name.schema}.${name.name})`, {
    hint: "write the values in the column's type: enum('a','b')",
  });
}

export function enumTypeName(name: QualifiedName): string {
  return noNamedEnums(name);
}

export function entityEnumType(name: QualifiedName): string {
  return noNamedEnums(name);
}

/** An enum value in an expression is the bare string: MySQL compares enum columns with strings. */
export function castLiteral(value: string, _type: string): string {
  return quoteLiteral(value);
}

/** The catalog prints defaults the way people write them (`'x'`, `3`, `current_timestamp()`): nothing to shorten. */
export function shortDefault(expression: string, _columnType: string, _isEnum: IsEnum): string {
  return expression;
}

export function overlongIdentifier(name: string): string | undefined {
  return identifierProblem(name);
}

export function serialSequenceName(table: string, column: string): string {
  throw new MigratorError(`MySQL and MariaDB have no sequences: ${table}.${column} is fed by AUTO_INCREMENT`);
}
