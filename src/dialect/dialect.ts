/**
 * Everything migrator asks of one database product, as one object: compare,
 * runtime, render and the CLI receive a `Dialect` instead of importing a
 * database's folder by path. One folder per database (`src/dialect/postgres`)
 * builds its object from parts, each part an interface of its own file here,
 * the way Kysely keeps adapter, introspector and query compiler apart.
 */
import type { DialectCatalog } from "./catalog";
import type { DialectLint } from "./lint";
import type { DialectQuoting } from "./quoting";
import type { DialectRuntime } from "./runtime";
import type { DialectSql } from "./sql";
import type { DialectTypes } from "./types";
import type { TypeormDriverType } from "../model/dialect-types";

export interface Dialect {
  /** `postgres`; names the folder that implements it. */
  readonly name: string;
  /** The TypeORM driver type whose metadata the entities are read through (`postgres`, `mysql`). */
  readonly typeormType: TypeormDriverType;
  /** Identifiers and literals as this database reads them. */
  readonly quote: DialectQuoting;
  /** Operations -> statements (online and offline), statement splitting. */
  readonly sql: DialectSql;
  /** Type spellings: how the database prints a type, which changes are widenings. */
  readonly types: DialectTypes;
  /** The live catalog -> model (introspection), a raw model -> the database's own spelling (normalisation). */
  readonly catalog: DialectCatalog;
  /** Connections, the version and log tables, the migration lock, batching. */
  readonly runtime: DialectRuntime;
  /** What each operation and statement locks, scans or rewrites, for `migrator lint`. */
  readonly lint: DialectLint;
}
