/**
 * TypeORM's bookkeeping, kept as `synchronize` keeps it. TypeORM records, in
 * its metadata table, each view's expression and each STORED generated
 * column's expression as the entity gives them; its schema builder (what
 * `migration:generate` and `synchronize` run) reads views only through these
 * rows and compares generated columns with them. A database migrator built
 * must hold the same rows, or TypeORM's tools see changes where there are none.
 *
 * The rows wanted come from the entities' RAW model (TypeORM's text, not
 * PostgreSQL's rendering); the rows there are read from the database. Every
 * row about a view or table on either side is compared, so a revision that
 * creates, changes, renames or drops one also writes, replaces or deletes its
 * rows — even when only the text changed and PostgreSQL stores the same view.
 */
export { typeormMetadataOps, wantedTypeormMetadata, type TypeormMetadataScope } from "./reconcile";
