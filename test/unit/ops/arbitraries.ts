/** fast-check generators of operations in canonical form (no `key: undefined`, data loss marked). */
import fc from "fast-check";
import type {
  ColumnModel,
  EnumModel,
  ForeignKeyModel,
  IndexModel,
  QualifiedName,
  TableModel,
  UniqueModel,
  ViewModel,
} from "../../../src/model/types";
import { dataLoss } from "../../../src/ops/loss";
import type { Change, ColumnPosition, ConstraintDefinition, EnumUsage, Operation } from "../../../src/ops/types";
import { postgres } from "../../../src/dialect";

/** Names that need quoting: quotes, dots, spaces, upper case, unicode. */
export const ident = fc.oneof(
  fc.constantFrom("a", "Upper", "with space", "a.b", 'qu"ote', "ünï", "select"),
  fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes("\u0000")),
);
const qn: fc.Arbitrary<QualifiedName> = fc.record({ schema: ident, name: ident });
const sqlText = fc.constantFrom("now()", "0", "'x'::text", "a + 1", "lower(b)");
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const identity = fc.constantFrom("ALWAYS" as const, "BY DEFAULT" as const);
const action = fc.constantFrom("NO ACTION" as const, "RESTRICT" as const, "CASCADE" as const, "SET NULL" as const, "SET DEFAULT" as const);
const names = fc.uniqueArray(ident, { minLength: 1, maxLength: 3 });
/** MySQL's FIRST or AFTER a column. */
const position: fc.Arbitrary<ColumnPosition> = fc.oneof(fc.constant({ first: true as const }), ident.map((after) => ({ after })));

/** Drop keys whose value is undefined, recursively through plain objects. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, clean(v)])) as T;
  }
  return value;
}

export const column: fc.Arbitrary<ColumnModel> = fc.record({
  name: ident,
  type: fc.constantFrom("integer", "text", "character varying(20)", "public.mood[]"),
  nullable: fc.boolean(),
  default: fc.option(sqlText, { nil: null }),
  identity: fc.option(identity, { nil: null }),
  serial: fc.constant(false),
  generated: fc.option(sqlText, { nil: null }),
  collation: fc.option(fc.constantFrom("C", "en-x-icu"), { nil: null }),
  comment: fc.option(fc.string(), { nil: null }),
});

const indexModel: fc.Arbitrary<IndexModel> = fc.record({
  name: ident,
  unique: fc.boolean(),
  method: fc.constantFrom("btree", "gin", "hash"),
  keys: fc.array(
    fc.oneof(
      fc.record({ column: ident, descending: maybe(fc.boolean()), nullsFirst: maybe(fc.boolean()) }),
      fc.record({ expression: sqlText, descending: maybe(fc.boolean()), nullsFirst: maybe(fc.boolean()) }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
  where: fc.option(sqlText, { nil: null }),
  include: fc.array(ident, { maxLength: 2 }),
});
const unique: fc.Arbitrary<UniqueModel> = fc.record({ name: ident, columns: names, deferrable: fc.boolean(), initiallyDeferred: fc.boolean() });
const foreignKey: fc.Arbitrary<ForeignKeyModel> = fc.record({
  name: ident,
  columns: names,
  referencedTable: qn,
  referencedColumns: names,
  onDelete: action,
  onUpdate: action,
  deferrable: fc.boolean(),
  initiallyDeferred: fc.boolean(),
});
const check = fc.record({ name: ident, expression: sqlText });
const exclusion = fc.record({ name: ident, definition: fc.constant("USING gist (a WITH &&)") });
const primaryKey = fc.record({ name: ident, columns: names });

const table: fc.Arbitrary<TableModel> = fc.record({
  schema: ident,
  name: ident,
  columns: fc.array(column, { maxLength: 3 }),
  primaryKey: fc.option(primaryKey, { nil: null }),
  uniques: fc.array(unique, { maxLength: 2 }),
  indexes: fc.array(indexModel, { maxLength: 2 }),
  foreignKeys: fc.array(foreignKey, { maxLength: 2 }),
  checks: fc.array(check, { maxLength: 2 }),
  exclusions: fc.array(exclusion, { maxLength: 1 }),
  comment: fc.option(fc.string(), { nil: null }),
});
const view: fc.Arbitrary<ViewModel> = fc
  .record({ schema: ident, name: ident, materialized: fc.boolean(), definition: fc.constant("SELECT 1 AS one"), indexes: fc.array(indexModel, { maxLength: 2 }) })
  .map((v) => (v.materialized ? v : { ...v, indexes: [] }));
const enumValues = fc.uniqueArray(ident, { minLength: 1, maxLength: 5 });
const enumModel: fc.Arbitrary<EnumModel> = fc.record({ schema: ident, name: ident, values: enumValues });
const extension = fc.record({ name: ident, schema: fc.option(ident, { nil: null }) });

const usage = (withNewDefault: boolean): fc.Arbitrary<EnumUsage> =>
  fc
    .record({
      table: qn,
      column: ident,
      array: fc.boolean(),
      default: fc.option(sqlText, { nil: null }),
      newDefault: withNewDefault ? maybe(fc.option(sqlText, { nil: null })) : fc.constant(undefined),
    })
    .map((u) => (u.newDefault === u.default ? { ...u, newDefault: undefined } : u));

const change = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Change<T>> => fc.record({ from: arb, to: arb });

const constraintDefinition: fc.Arbitrary<ConstraintDefinition> = fc.oneof(
  primaryKey.map((primaryKey) => ({ type: "primaryKey" as const, primaryKey })),
  unique.map((unique) => ({ type: "unique" as const, unique })),
  foreignKey.map((foreignKey) => ({ type: "foreignKey" as const, foreignKey })),
  check.map((check) => ({ type: "check" as const, check })),
  exclusion.map((exclusion) => ({ type: "exclusion" as const, exclusion })),
);
function constraintName(d: ConstraintDefinition): string {
  switch (d.type) {
    case "primaryKey":
      return d.primaryKey.name;
    case "unique":
      return d.unique.name;
    case "foreignKey":
      return d.foreignKey.name;
    case "check":
      return d.check.name;
    case "exclusion":
      return d.exclusion.name;
  }
}

/** addEnumValue in canonical position: last (no anchor) or BEFORE its successor. */
const addEnumValue = fc
  .record({ e: qn, previous: enumValues, value: ident, at: fc.nat(), usages: fc.array(usage(false), { maxLength: 2 }) })
  .filter((r) => !r.previous.includes(r.value))
  .map(({ e, previous, value, at, usages }): Operation => {
    const position = at % (previous.length + 1);
    const before = position === previous.length ? undefined : previous[position];
    return { kind: "addEnumValue", enum: e, value, before, previousValues: previous, usages };
  });

/** A recreateEnum that only appends or inserts one value (with no default change) is an addEnumValue in canonical form. */
const recreateEnum = fc
  .record({ e: qn, values: enumValues, previous: enumValues, usages: fc.array(usage(true), { maxLength: 3 }) })
  .filter(({ values, previous, usages }) => {
    const oneAdded = values.length === previous.length + 1 && values.filter((v) => !previous.includes(v)).length === 1 && values.filter((v) => previous.includes(v)).every((v, i) => v === previous[i]);
    return !(oneAdded && usages.every((u) => u.newDefault === undefined));
  })
  .map(({ e, values, previous, usages }): Operation => ({ kind: "recreateEnum", enum: e, values, previousValues: previous, usages }));

const alterColumn = fc
  .record({
    table: qn,
    column: ident,
    type: maybe(fc.record({ from: fc.constantFrom("integer", "text"), to: fc.constantFrom("bigint", "varchar(3)"), using: maybe(sqlText), reverseUsing: maybe(sqlText) })),
    nullable: maybe(change(fc.boolean())),
    default: maybe(change(fc.option(sqlText, { nil: null }))),
    identity: maybe(change(fc.option(identity, { nil: null }))),
    generated: maybe(change(fc.option(sqlText, { nil: null }))),
    collation: maybe(change(fc.option(fc.constant("C"), { nil: null }))),
    comment: maybe(change(fc.option(fc.string(), { nil: null }))),
  })
  // Collation renders as TYPE x COLLATE c: it comes with a type.
  .filter((a) => (a.collation === undefined || a.type !== undefined) && Object.values(a).filter((v) => v !== undefined).length > 2)
  .map((a): Operation => ({ kind: "alterColumn", ...a }));

/** Every reversible kind, with the before-state its reverse needs. */
export const reversibleOp: fc.Arbitrary<Operation> = fc
  .oneof(
    fc.record({ schema: ident, ifNotExists: maybe(fc.boolean()) }).map((r): Operation => ({ kind: "createSchema", ...r })),
    fc.record({ schema: ident, ifExists: maybe(fc.boolean()) }).map((r): Operation => ({ kind: "dropSchema", ...r })),
    fc.record({ extension, ifNotExists: maybe(fc.boolean()) }).map((r): Operation => ({ kind: "createExtension", ...r })),
    fc.record({ extension, ifExists: maybe(fc.boolean()) }).map((r): Operation => ({ kind: "dropExtension", ...r })),
    enumModel.map((e): Operation => ({ kind: "createEnum", enum: e })),
    enumModel.map((e): Operation => ({ kind: "dropEnum", enum: e })),
    addEnumValue,
    fc.record({ enum: qn, from: ident, to: ident }).map((r): Operation => ({ kind: "renameEnumValue", ...r })),
    fc.record({ enum: qn, to: ident }).map((r): Operation => ({ kind: "renameEnum", ...r })),
    fc.record({ table: qn, name: ident, to: ident }).map((r): Operation => ({ kind: "renameConstraint", ...r })),
    fc.record({ table: qn, name: ident, to: ident }).map((r): Operation => ({ kind: "renameIndex", ...r })),
    fc.record({ sequence: qn, to: ident }).map((r): Operation => ({ kind: "renameSequence", ...r })),
    recreateEnum,
    table.map((t): Operation => ({ kind: "createTable", table: t })),
    table.map((t): Operation => ({ kind: "dropTable", table: { schema: t.schema, name: t.name }, definition: t })),
    fc.record({ table: qn, to: ident }).map((r): Operation => ({ kind: "renameTable", ...r })),
    fc.record({ table: qn, column, position: maybe(position) }).map((r): Operation => clean({ kind: "addColumn", ...r })),
    fc
      .record({ table: qn, definition: column, position: maybe(position) })
      .map((r): Operation => clean({ kind: "dropColumn", table: r.table, column: r.definition.name, definition: r.definition, position: r.position })),
    fc.record({ table: qn, column: ident, to: ident }).map((r): Operation => ({ kind: "renameColumn", ...r })),
    alterColumn,
    fc.record({ table: qn, index: indexModel, concurrently: maybe(fc.boolean()), ifNotExists: maybe(fc.boolean()) }).map((r): Operation => ({ kind: "createIndex", ...r })),
    fc
      .record({ table: qn, definition: indexModel, concurrently: maybe(fc.boolean()), ifExists: maybe(fc.boolean()) })
      .map((r): Operation => ({ kind: "dropIndex", ...r, name: r.definition.name })),
    fc.record({ table: qn, primaryKey }).map((r): Operation => ({ kind: "createPrimaryKey", ...r })),
    fc.record({ table: qn, unique }).map((r): Operation => ({ kind: "createUniqueConstraint", ...r })),
    fc.record({ table: qn, foreignKey }).map((r): Operation => ({ kind: "createForeignKey", ...r })),
    fc.record({ table: qn, check }).map((r): Operation => ({ kind: "createCheckConstraint", ...r })),
    fc.record({ table: qn, exclusion }).map((r): Operation => ({ kind: "createExclusionConstraint", ...r })),
    fc.record({ table: qn, definition: constraintDefinition }).map((r): Operation => ({ kind: "dropConstraint", ...r, name: constraintName(r.definition) })),
    fc.record({ table: qn, comment: change(fc.option(fc.string(), { nil: null })) }).map((r): Operation => ({ kind: "setTableComment", ...r })),
    fc.record({ table: qn, column: ident, comment: change(fc.option(fc.string(), { nil: null })) }).map((r): Operation => ({ kind: "setColumnComment", ...r })),
    view.map((v): Operation => ({ kind: "createView", view: v })),
    view.map((v): Operation => ({ kind: "dropView", view: { schema: v.schema, name: v.name }, materialized: v.materialized, definition: v })),
  )
  .map((op) => {
    const canonical = clean(op);
    const loss = dataLoss(canonical, postgres.types);
    return loss === undefined ? canonical : { ...canonical, destructive: loss };
  });
