/**
 * Operations -> the TypeScript of a revision's `upgrade` and `downgrade`.
 *
 * Choices, for whoever reviews a generated file:
 * - One `await op.method(...)` per operation, in the differ's order, in the
 *   `Operations` signatures; options as named objects; columns inline in
 *   `createTable`, one per line.
 * - Nothing that equals the API's default is written (nullable, btree,
 *   NO ACTION, not deferrable, empty lists, PostgreSQL's default constraint
 *   names), in either body.
 * - The upgrade reads like a person's (Alembic's): it leaves out the
 *   before-state only a reverse needs (`existing` of a dropped column,
 *   `definition` of a dropped table, index, constraint or view, alterColumn's
 *   `existing*`, addEnumValue's previous values and usages, a comment's
 *   previous text), keeping what its SQL needs (the type of a collation-only
 *   change, the previous identity of SET GENERATED). The downgrade keeps all
 *   of it, each `existing*` next to the value it replaces, so running it
 *   rebuilds exactly the reverses it was rendered from.
 * - Types and defaults are spelled as people write them (`varchar(20)`,
 *   `timestamptz`, `'draft'` rather than `'draft'::public.state`), which
 *   PostgreSQL stores exactly as the catalog spelling (see spelling.ts).
 * - A foreign key of a table outside the default schema names its referenced
 *   table qualified, even one in the default schema.
 * - The downgrade is rendered from `reverse()` of each op, last first, not
 *   read back from the upgrade.
 * - Comments: a heading per block of ops on one table, view, enum, schema or
 *   extension (`// table "audit"."log"`); `// destructive: ...` above an op
 *   that loses data (in both bodies), then `// caution: ...` above one that
 *   risks failing or locking without losing anything (setting NOT NULL: see
 *   ops/caution.ts; in both bodies); in the downgrade `// cannot reverse ...`
 *   where an op has no reverse, and `// cannot restore: ...` where the reverse
 *   recreates an object without its data (dropped tables and columns).
 * - Strings are JSON string literals (double quotes, one line): the template
 *   re-indents every body line, which would alter a multi-line template literal.
 * - Lines are wrapped at 100 columns, Prettier-like (a call keeps its head and
 *   breaks its last object argument), so the output reads as formatted code and
 *   is byte-identical for the same ops. A column in createTable stays on one
 *   line up to 120 columns: one column per line reads better than a wrapped one.
 * - `destructive` lists only the upgrade's losses (what `revision` warns
 *   about); `irreversible` lists everything the downgrade cannot restore.
 */
export { renderRevisionBodies, renderUpgrade, renderDowngrade, renderOperation } from "./body";
export type { RevisionBodies, UpgradeBody, DowngradeBody } from "./body";
export { operationDoc } from "./operation";
export type { RenderStyle } from "./entries";
export { spellingFor, type RenderContext, type Spelling } from "./spelling";
export { renderValue, stringLiteral, propertyKey } from "./value";
export { LINE_WIDTH, layout } from "./doc";
