/**
 * What the neutral code (ops, diff, render, entities) asks of a database
 * about its types and names: how it spells them and which type changes keep
 * every value. Declared here, beside the model it talks about, so those
 * folders take it as a parameter without importing a dialect; each database's
 * folder implements it (PostgreSQL's: src/dialect/postgres/types) and the
 * `Dialect` object carries it as `dialect.types`.
 */
import type { QualifiedName } from "./types";

/**
 * The TypeORM DataSource `type` whose driver reads the entities: its type
 * mapping is the one synchronize would apply. MariaDB and MySQL share a
 * dialect but not every mapping (json, uuid), so `mariadb` is its own.
 */
export type TypeormDriverType = "postgres" | "mysql" | "mariadb";

/** A column type taken apart, its name in the database's canonical spelling. */
export interface ParsedType {
  /** The type without modifiers or array brackets: `character varying`, `timestamp without time zone`. */
  readonly base: string;
  /** Numeric modifiers (`(10,2)` -> [10, 2]); empty when none. */
  readonly args: readonly number[];
  readonly arrayDims: number;
}

/** Tells an enum's type (canonical, no array brackets) from other types. */
export type IsEnum = (type: string) => boolean;

export interface DialectTypes {
  /** `varchar(20)[]` -> base `character varying`, args [20], one array dimension. */
  parse(type: string): ParsedType;
  /** The element type of an array type and how deep the array is: `public.mood[]` -> `public.mood`, 1. */
  element(type: string): { readonly type: string; readonly arrayDims: number };
  /** The catalog's spelling of a type written with an alias: `varchar(20)` -> `character varying(20)`. */
  canonicalName(type: string): string;
  /** The alias people write for a catalog type: `character varying(20)` -> `varchar(20)`. */
  shortName(type: string): string;
  /** True when every value of `from` survives as the same value in `to`. */
  isWidening(from: string, to: string): boolean;
  /** Whether changing a column from `from` to `to` needs a USING conversion (no assignment cast exists). */
  needsUsing(from: string, to: string, isEnum: IsEnum): boolean;
  /** The USING expression converting `column` from `from` to `to`. */
  usingCast(column: string, from: string, to: string, isEnum: IsEnum): string;
  /** An identifier as the database prints it inside expressions: bare when it can be, quoted otherwise. */
  printIdentifier(name: string): string;
  /** An enum type as it appears in a canonical column type (`public.mood_enum`, `public."user"`). */
  enumTypeName(name: QualifiedName): string;
  /** A string literal cast to `type`, as the catalog prints one in an expression (`'a'::public.mood`). */
  castLiteral(value: string, type: string): string;
  /** A default as a person writes it: the bare literal when its only cast is to the column's own type. */
  shortDefault(expression: string, columnType: string, isEnum: IsEnum): string;
  /** An enum column's type as TypeORM's driver spells it in its DDL (the raw model's spelling). */
  entityEnumType(name: QualifiedName): string;
  /** Why the database would not keep `name` whole (`is 70 bytes long; ... keeps 63 bytes ...`), or undefined when it would. */
  overlongIdentifier(name: string): string | undefined;
  /** The name the database gives the sequence of a serial or identity column. */
  serialSequenceName(table: string, column: string): string;
}
