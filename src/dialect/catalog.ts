/**
 * Reading a live database into the schema model (introspection), and
 * bringing a raw model to the database's own spelling (normalisation), the
 * two halves `compare` sets side by side. The types here are the neutral
 * words of those reads; each dialect answers them from its own catalog.
 */
import type { Executor } from "../db/types";
import type { TypeormDriverType } from "../model/dialect-types";
import type { OwnedSequence, QualifiedName, SchemaModel } from "../model/types";
import type { TypeormMetadataType } from "../ops/types";

export interface NameFilter {
  /** Names or simple `*` globs. Empty means "everything". */
  readonly schemas?: readonly string[];
  /** Table (and view) names or `*` globs; a pattern with a dot matches `schema.table`. */
  readonly tables?: readonly string[];
}

export interface IntrospectOptions {
  /** The schemas in play: the entity model's schemas plus the default one. */
  readonly schemas: readonly string[];
  /** Schema left out of `SchemaModel.schemas` (it always exists). Default `public`. */
  readonly defaultSchema?: string;
  /** Only these schemas / tables (names or `*` globs); empty lists mean all. */
  readonly include?: NameFilter;
  /** Never these schemas / tables. */
  readonly exclude?: NameFilter;
  /** Tables never read: migrator's version and log tables. `typeorm_metadata` is always ignored. */
  readonly ignoreTables?: readonly QualifiedName[];
  /**
   * Told once the read is on its way: the database works on it from then on
   * (compare loads the entity files meanwhile).
   */
  readonly onSent?: () => void;
}


/**
 * A row of TypeORM's metadata table about a view or generated column. `here`
 * says whether it names the current database: TypeORM only reads
 * generated-column rows that do.
 */
export type LiveTypeormMetadataRow = {
  readonly type: TypeormMetadataType;
  readonly schema: string | null;
  readonly table: string | null;
  readonly name: string | null;
  readonly value: string | null;
  readonly here: boolean;
};

/** A table's size as the catalog estimates it (no rows are counted). */
export interface TableSize {
  /** Heap, indexes and TOAST together (what a rewrite writes again). */
  readonly bytes: number;
  /** The planner's estimate from the last ANALYZE or VACUUM; null when the table was never analysed. */
  readonly rows: number | null;
}

/** A table asked about, with its size, or null when it does not exist. */
export interface SizedTable {
  readonly table: QualifiedName;
  readonly size: TableSize | null;
}

export interface DialectCatalog {
  /** The live database as a model, in one read. */
  introspect(executor: Executor, options: IntrospectOptions): Promise<SchemaModel>;
  /** Two reads of disjoint schemas as one model. */
  mergeCatalogs(first: SchemaModel, second: SchemaModel): SchemaModel;
  /** The sequences the columns of these tables own, keyed by qualifiedKey of the table. */
  ownedSequences(executor: Executor, tables: readonly QualifiedName[]): Promise<Map<string, OwnedSequence[]>>;
  /** TypeORM's metadata rows about views and generated columns; null when its table does not exist. */
  readTypeormMetadata(executor: Executor, table: QualifiedName): Promise<LiveTypeormMetadataRow[] | null>;
  /** The catalog's size of each table, in one query; in the order asked. */
  tableSizes(executor: Executor, tables: readonly QualifiedName[]): Promise<SizedTable[]>;
  /** A raw model (TypeORM's spelling) in the database's own spelling, as introspect would read it back. */
  normalise(raw: SchemaModel, executor: Executor): Promise<SchemaModel>;
  /**
   * The TypeORM driver synchronize would use against this server, when its
   * type mapping depends on the server (MySQL vs MariaDB, and their version);
   * absent where the dialect's own type says it all.
   */
  entityDriver?(executor: Executor): Promise<{ readonly type: TypeormDriverType; readonly version: string }>;
}
