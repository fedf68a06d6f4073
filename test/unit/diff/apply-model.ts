/**
 * A pure model applier for tests: what each op does to a SchemaModel, so
 * `apply(A, diff(A, B, postgres.types).ops)` can be compared with B without a database.
 * It throws on an op that cannot apply (missing table, duplicate column, ...),
 * which catches ordering and reference mistakes in the differ too.
 */
import { renameIdentifiers, renameTypeName } from "../../../src/diff/rename-identifiers";
import { enumTypeName } from "../../../src/dialect/postgres/types/identifiers";
import {
  qualifiedKey,
  type ColumnModel,
  type QualifiedName,
  type SchemaModel,
  type TableModel,
} from "../../../src/model/types";
import { assertNever, type ColumnPosition, type Operation } from "../../../src/ops/types";
import { postgres } from "../../../src/dialect";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Applies each op in turn and checks after each that the model still holds together, as PostgreSQL would insist. */
export function applyOps(model: SchemaModel, ops: readonly Operation[]): SchemaModel {
  return ops.reduce((current, op) => {
    const next = applyOp(current, op);
    assertConsistent(next, op);
    return next;
  }, model);
}

/**
 * What PostgreSQL refuses: a column of a type that does not exist, a key or
 * index over a missing column, a foreign key into a missing table, a table in
 * a missing schema.
 */
export function assertConsistent(model: SchemaModel, op: Operation): void {
  const enums = new Set(model.enums.map((e) => `${e.schema}.${e.name}`));
  const tables = new Map(model.tables.map((t) => [qualifiedKey(t), t]));
  const schemas = new Set(["public", ...model.schemas]);
  for (const t of model.tables) {
    if (!schemas.has(t.schema)) fail(op, `table ${t.name} is in missing schema ${t.schema}`);
    const columns = new Set(t.columns.map((c) => c.name));
    for (const c of t.columns) {
      const base = c.type.replace(/(\[\])+$/, "");
      if (base.includes(".") && !enums.has(base)) fail(op, `column ${t.name}.${c.name} has missing type ${base}`);
    }
    const used = [
      ...(t.primaryKey?.columns ?? []),
      ...t.uniques.flatMap((u) => u.columns),
      ...t.indexes.flatMap((i) => [...i.keys.flatMap((k) => ("column" in k ? [k.column] : [])), ...i.include]),
      ...t.foreignKeys.flatMap((f) => f.columns),
    ];
    for (const name of used) if (!columns.has(name)) fail(op, `${t.name} has a key or index over missing column ${name}`);
    for (const f of t.foreignKeys) {
      const target = tables.get(qualifiedKey(f.referencedTable));
      if (!target) fail(op, `${t.name}.${f.name} references missing table ${f.referencedTable.name}`);
      const wanted = [...f.referencedColumns].sort().join(",");
      const keys = [
        target.primaryKey?.columns ?? [],
        ...target.uniques.map((u) => u.columns),
        ...target.indexes.filter((i) => i.unique && i.where === null).map((i) => i.keys.map((k) => ("column" in k ? k.column : "?"))),
      ];
      if (!keys.some((k) => [...k].sort().join(",") === wanted)) fail(op, `${t.name}.${f.name} references no key of ${target.name}`);
    }
  }
}

function fail(op: Operation, why: string): never {
  throw new Error(`cannot apply ${op.kind}: ${why}`);
}

function withTable(model: SchemaModel, op: Operation, name: QualifiedName, change: (t: TableModel) => TableModel): SchemaModel {
  const key = qualifiedKey(name);
  if (!model.tables.some((t) => qualifiedKey(t) === key)) {
    // Indexes may also live on materialized views.
    if ((op.kind === "createIndex" || op.kind === "dropIndex") && model.views.some((v) => qualifiedKey(v) === key)) {
      return {
        ...model,
        views: model.views.map((v) => {
          if (qualifiedKey(v) !== key) return v;
          const asTable = change({ ...v, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], exclusions: [], comment: null });
          return { ...v, indexes: asTable.indexes };
        }),
      };
    }
    fail(op, `no table ${key}`);
  }
  return { ...model, tables: model.tables.map((t) => (qualifiedKey(t) === key ? change(t) : t)) };
}

function withColumn(t: TableModel, op: Operation, name: string, change: (c: ColumnModel) => ColumnModel): TableModel {
  if (!t.columns.some((c) => c.name === name)) fail(op, `no column ${t.name}.${name}`);
  return { ...t, columns: t.columns.map((c) => (c.name === name ? change(c) : c)) };
}

function without<T extends { name: string }>(items: readonly T[], name: string, op: Operation): T[] {
  if (!items.some((i) => i.name === name)) fail(op, `nothing named ${name}`);
  return items.filter((i) => i.name !== name);
}

function withAdded<T extends { name: string }>(items: readonly T[], item: T, op: Operation): T[] {
  if (items.some((i) => i.name === item.name)) fail(op, `${item.name} already exists`);
  return [...items, item];
}

/** A column added as MySQL adds it: FIRST, right AFTER a column that must exist, or last. */
function withPlaced(columns: readonly ColumnModel[], column: ColumnModel, position: ColumnPosition | undefined, op: Operation): ColumnModel[] {
  const added = withAdded(columns, column, op);
  if (position === undefined) return added;
  const at = "first" in position ? 0 : columns.findIndex((c) => c.name === position.after) + 1;
  if (at === 0 && !("first" in position)) fail(op, `no column ${position.after} to add ${column.name} after`);
  return [...columns.slice(0, at), column, ...columns.slice(at)];
}

export function applyOp(model: SchemaModel, op: Operation): SchemaModel {
  switch (op.kind) {
    case "createSchema":
      if (model.schemas.includes(op.schema)) fail(op, "exists");
      return { ...model, schemas: [...model.schemas, op.schema] };
    case "dropSchema":
      if (model.tables.some((t) => t.schema === op.schema)) fail(op, "schema still has tables");
      return { ...model, schemas: model.schemas.filter((s) => s !== op.schema) };
    case "createExtension":
      return { ...model, extensions: [...model.extensions, op.extension] };
    case "dropExtension":
      return { ...model, extensions: model.extensions.filter((e) => e.name !== op.extension.name) };
    case "createEnum":
      if (model.enums.some((e) => qualifiedKey(e) === qualifiedKey(op.enum))) fail(op, "exists");
      return { ...model, enums: [...model.enums, op.enum] };
    case "dropEnum":
      return { ...model, enums: model.enums.filter((e) => qualifiedKey(e) !== qualifiedKey(op.enum)) };
    case "addEnumValue":
    case "renameEnumValue":
    case "recreateEnum":
      return applyEnumOp(model, op);
    case "renameEnum": {
      // PostgreSQL prints the new name wherever the type is used.
      const renamed = { schema: op.enum.schema, name: op.to };
      if (!model.enums.some((e) => qualifiedKey(e) === qualifiedKey(op.enum))) fail(op, "no such enum");
      if (model.enums.some((e) => qualifiedKey(e) === qualifiedKey(renamed))) fail(op, "new name exists");
      const fn = (text: string): string => renameTypeName(text, enumTypeName(op.enum), enumTypeName(renamed));
      const maybe = (text: string | null): string | null => (text === null ? null : fn(text));
      return {
        ...model,
        enums: model.enums.map((e) => (qualifiedKey(e) === qualifiedKey(op.enum) ? { ...e, name: op.to } : e)),
        tables: model.tables.map((t) => ({
          ...t,
          columns: t.columns.map((c) => ({ ...c, type: fn(c.type), default: maybe(c.default), generated: maybe(c.generated) })),
          checks: t.checks.map((c) => ({ ...c, expression: fn(c.expression) })),
          indexes: t.indexes.map((i) => ({ ...i, where: maybe(i.where) })),
        })),
      };
    }
    case "renameConstraint":
      return withTable(model, op, op.table, (t) => renameConstraint(t, op.name, op.to, op));
    case "renameIndex":
      return withTable(model, op, op.table, (t) => {
        if (t.indexes.some((i) => i.name === op.to)) fail(op, `${op.to} already exists`);
        return { ...t, indexes: without(t.indexes, op.name, op).concat({ ...t.indexes.find((i) => i.name === op.name)!, name: op.to }) };
      });
    case "renameSequence":
      return model; // the model holds no sequence names
    case "createTable":
      if (model.tables.some((t) => qualifiedKey(t) === qualifiedKey(op.table))) fail(op, "exists");
      return { ...model, tables: [...model.tables, op.table] };
    case "dropTable":
      if (!model.tables.some((t) => qualifiedKey(t) === qualifiedKey(op.table))) fail(op, "missing");
      return { ...model, tables: model.tables.filter((t) => qualifiedKey(t) !== qualifiedKey(op.table)) };
    case "renameTable": {
      const renamed = { schema: op.table.schema, name: op.to };
      const next = withTable(model, op, op.table, (t) => ({ ...t, name: op.to }));
      return {
        ...next,
        tables: next.tables.map((t) => ({
          ...t,
          foreignKeys: t.foreignKeys.map((fk) =>
            qualifiedKey(fk.referencedTable) === qualifiedKey(op.table) ? { ...fk, referencedTable: renamed } : fk,
          ),
        })),
      };
    }
    case "addColumn":
      return withTable(model, op, op.table, (t) => ({ ...t, columns: withPlaced(t.columns, op.column, op.position, op) }));
    case "dropColumn":
      return withTable(model, op, op.table, (t) => ({ ...t, columns: without(t.columns, op.column, op) }));
    case "renameColumn": {
      // PostgreSQL follows a renamed column in keys, indexes and foreign keys (its own and those into it),
      // and in the expressions of its checks, exclusions, predicates, index keys and generated columns.
      const rename = (c: string): string => (c === op.column ? op.to : c);
      const names = new Map([[op.column, op.to]]);
      const expr = (text: string): string => renameIdentifiers(text, names, postgres.types.printIdentifier);
      const next = withTable(model, op, op.table, (t) => {
        const renamed = withColumn(t, op, op.column, (c) => ({ ...c, name: op.to }));
        return {
          ...renamed,
          columns: renamed.columns.map((c) => ({ ...c, generated: c.generated === null ? null : expr(c.generated) })),
          primaryKey: renamed.primaryKey && { ...renamed.primaryKey, columns: renamed.primaryKey.columns.map(rename) },
          uniques: renamed.uniques.map((u) => ({ ...u, columns: u.columns.map(rename) })),
          checks: renamed.checks.map((c) => ({ ...c, expression: expr(c.expression) })),
          exclusions: renamed.exclusions.map((x) => ({ ...x, definition: expr(x.definition) })),
          indexes: renamed.indexes.map((i) => ({
            ...i,
            keys: i.keys.map((k) => ("column" in k ? { ...k, column: rename(k.column) } : { ...k, expression: expr(k.expression) })),
            include: i.include.map(rename),
            where: i.where === null ? null : expr(i.where),
          })),
          foreignKeys: renamed.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(rename) })),
        };
      });
      return {
        ...next,
        tables: next.tables.map((t) => ({
          ...t,
          foreignKeys: t.foreignKeys.map((f) =>
            qualifiedKey(f.referencedTable) === qualifiedKey(op.table) ? { ...f, referencedColumns: f.referencedColumns.map(rename) } : f,
          ),
        })),
      };
    }
    case "alterColumn":
      return withTable(model, op, op.table, (t) =>
        withColumn(t, op, op.column, (c) => {
          const next: Mutable<ColumnModel> = { ...c };
          if (op.type) next.type = op.type.to;
          if (op.nullable) next.nullable = op.nullable.to;
          if (op.default) next.default = op.default.to;
          if (op.identity) next.identity = op.identity.to;
          if (op.generated) next.generated = op.generated.to;
          if (op.collation) next.collation = op.collation.to;
          if (op.comment) next.comment = op.comment.to;
          return next;
        }),
      );
    case "setColumnComment":
      return withTable(model, op, op.table, (t) => withColumn(t, op, op.column, (c) => ({ ...c, comment: op.comment.to })));
    case "setTableComment":
      return withTable(model, op, op.table, (t) => ({ ...t, comment: op.comment.to }));
    case "createIndex":
      return withTable(model, op, op.table, (t) => ({ ...t, indexes: withAdded(t.indexes, op.index, op) }));
    case "dropIndex":
      return withTable(model, op, op.table, (t) => ({ ...t, indexes: without(t.indexes, op.name, op) }));
    case "createPrimaryKey":
      return withTable(model, op, op.table, (t) => {
        if (t.primaryKey) fail(op, "table has a primary key");
        return { ...t, primaryKey: op.primaryKey };
      });
    case "createUniqueConstraint":
      return withTable(model, op, op.table, (t) => ({ ...t, uniques: withAdded(t.uniques, op.unique, op) }));
    case "createForeignKey":
      if (!model.tables.some((t) => qualifiedKey(t) === qualifiedKey(op.foreignKey.referencedTable))) fail(op, "referenced table missing");
      return withTable(model, op, op.table, (t) => ({ ...t, foreignKeys: withAdded(t.foreignKeys, op.foreignKey, op) }));
    case "createCheckConstraint":
      return withTable(model, op, op.table, (t) => ({ ...t, checks: withAdded(t.checks, op.check, op) }));
    case "createExclusionConstraint":
      return withTable(model, op, op.table, (t) => ({ ...t, exclusions: withAdded(t.exclusions, op.exclusion, op) }));
    case "dropConstraint":
      return withTable(model, op, op.table, (t) => dropConstraint(t, op.name, op));
    case "createView":
      return { ...model, views: [...model.views, op.view] };
    case "dropView":
      if (!model.views.some((v) => qualifiedKey(v) === qualifiedKey(op.view))) fail(op, "missing");
      return { ...model, views: model.views.filter((v) => qualifiedKey(v) !== qualifiedKey(op.view)) };
    case "validateConstraint":
    case "execute":
    case "bulkInsert":
    case "backfill":
    case "insertTypeormMetadata":
    case "deleteTypeormMetadata":
      return model;
    default:
      return assertNever(op);
  }
}

function dropConstraint(t: TableModel, name: string, op: Operation): TableModel {
  if (t.primaryKey?.name === name) return { ...t, primaryKey: null };
  if (t.uniques.some((u) => u.name === name)) return { ...t, uniques: without(t.uniques, name, op) };
  if (t.foreignKeys.some((u) => u.name === name)) return { ...t, foreignKeys: without(t.foreignKeys, name, op) };
  if (t.checks.some((u) => u.name === name)) return { ...t, checks: without(t.checks, name, op) };
  return { ...t, exclusions: without(t.exclusions, name, op) };
}

function renameConstraint(t: TableModel, name: string, to: string, op: Operation): TableModel {
  const names = [t.primaryKey?.name, ...t.uniques.map((u) => u.name), ...t.foreignKeys.map((f) => f.name), ...t.checks.map((c) => c.name), ...t.exclusions.map((x) => x.name)];
  if (names.includes(to)) fail(op, `${to} already exists`);
  if (!names.includes(name)) fail(op, `nothing named ${name}`);
  const rename = <T extends { name: string }>(item: T): T => (item.name === name ? { ...item, name: to } : item);
  return {
    ...t,
    primaryKey: t.primaryKey && rename(t.primaryKey),
    uniques: t.uniques.map(rename),
    foreignKeys: t.foreignKeys.map(rename),
    checks: t.checks.map(rename),
    exclusions: t.exclusions.map(rename),
  };
}

function applyEnumOp(model: SchemaModel, op: Operation & { kind: "addEnumValue" | "renameEnumValue" | "recreateEnum" }): SchemaModel {
  const key = qualifiedKey(op.enum);
  const current = model.enums.find((e) => qualifiedKey(e) === key) ?? fail(op, "no such enum");
  let values: string[];
  let next = model;
  if (op.kind === "addEnumValue") {
    if (current.values.includes(op.value)) fail(op, "value exists");
    values = [...current.values];
    const at = op.before !== undefined ? values.indexOf(op.before) : op.after !== undefined ? values.indexOf(op.after) + 1 : values.length;
    if (at < 0 || (op.after !== undefined && at === 0)) fail(op, "anchor value missing");
    values.splice(at, 0, op.value);
  } else if (op.kind === "renameEnumValue") {
    values = current.values.map((v) => (v === op.from ? op.to : v));
  } else {
    values = [...op.values];
    for (const usage of op.usages) {
      next = withTable(next, op, usage.table, (t) =>
        withColumn(t, op, usage.column, (c) => ({ ...c, default: usage.newDefault === undefined ? usage.default : usage.newDefault })),
      );
    }
  }
  return { ...next, enums: next.enums.map((e) => (qualifiedKey(e) === key ? { ...e, values } : e)) };
}

/** The model with every list sorted, so two models that differ only in order compare equal. */
export function canonical(model: SchemaModel): SchemaModel {
  const byName = <T extends { name: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byKey = <T extends QualifiedName>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => (qualifiedKey(a) < qualifiedKey(b) ? -1 : qualifiedKey(a) > qualifiedKey(b) ? 1 : 0));
  return {
    schemas: [...model.schemas].sort(),
    extensions: byName(model.extensions),
    enums: byKey(model.enums),
    tables: byKey(model.tables).map((t) => ({
      ...t,
      columns: byName(t.columns),
      uniques: byName(t.uniques),
      indexes: byName(t.indexes),
      foreignKeys: byName(t.foreignKeys),
      checks: byName(t.checks),
      exclusions: byName(t.exclusions),
    })),
    views: byKey(model.views).map((v) => ({ ...v, indexes: byName(v.indexes) })),
  };
}
