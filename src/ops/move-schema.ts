/**
 * An operation with its schemas moved: every name's schema through
 * `schema`, and every piece of SQL text it carries (column types, defaults,
 * generated expressions, checks, exclusions, index keys and predicates, view
 * bodies, enum usages' defaults) through `sql`. Autogenerate uses it to
 * write a revision compared with a tenant's schema as if compared with
 * `public`; the runner, to run a revision written for `public` in a tenant's
 * schema. Raw SQL (`execute`, a backfill's expressions) and extensions (per database, not per schema)
 * are never moved.
 */
import { DEFAULT_SCHEMA } from "../model/types";
import type { CheckModel, ColumnModel, EnumModel, ExclusionModel, ForeignKeyModel, IndexKey, IndexModel, QualifiedName, SchemaModel, TableModel, ViewModel } from "../model/types";
import type { ColumnChanges } from "./column-properties";
import { assertNever, type ConstraintDefinition, type EnumUsage, type Operation, type TypeormMetadataRow } from "./types";

export interface SchemaMove {
  readonly schema: (schema: string) => string;
  readonly sql: (text: string) => string;
}

export function moveSchema(op: Operation, move: SchemaMove): Operation {
  const m = new Mover(move);
  switch (op.kind) {
    case "createSchema":
    case "dropSchema":
      return { ...op, schema: move.schema(op.schema) };
    case "createExtension":
    case "dropExtension":
    case "execute":
      return op;
    case "createEnum":
    case "dropEnum":
      return { ...op, enum: m.enumModel(op.enum) };
    case "addEnumValue":
      return { ...op, enum: m.name(op.enum), ...(op.usages === undefined ? {} : { usages: op.usages.map((u) => m.usage(u)) }) };
    case "recreateEnum":
      return { ...op, enum: m.name(op.enum), usages: op.usages.map((u) => m.usage(u)) };
    case "renameEnumValue":
    case "renameEnum":
      return { ...op, enum: m.name(op.enum) };
    case "createTable":
      return { ...op, table: m.table(op.table) };
    case "dropTable":
      return { ...op, table: m.name(op.table), ...(op.definition === undefined ? {} : { definition: m.table(op.definition) }) };
    case "addColumn":
      return { ...op, table: m.name(op.table), column: m.column(op.column) };
    case "dropColumn":
      return { ...op, table: m.name(op.table), ...(op.definition === undefined ? {} : { definition: m.column(op.definition) }) };
    case "alterColumn":
      return { ...op, table: m.name(op.table), ...m.changes(op) };
    case "createIndex":
      return { ...op, table: m.name(op.table), index: m.index(op.index) };
    case "dropIndex":
      return { ...op, table: m.name(op.table), ...(op.definition === undefined ? {} : { definition: m.index(op.definition) }) };
    case "createForeignKey":
      return { ...op, table: m.name(op.table), foreignKey: m.foreignKey(op.foreignKey) };
    case "createCheckConstraint":
      return { ...op, table: m.name(op.table), check: m.check(op.check) };
    case "createExclusionConstraint":
      return { ...op, table: m.name(op.table), exclusion: m.exclusion(op.exclusion) };
    case "dropConstraint":
      return { ...op, table: m.name(op.table), ...(op.definition === undefined ? {} : { definition: m.constraint(op.definition) }) };
    case "renameTable":
    case "renameColumn":
    case "renameConstraint":
    case "renameIndex":
    case "createPrimaryKey":
    case "createUniqueConstraint":
    case "validateConstraint":
    case "setTableComment":
    case "setColumnComment":
    case "bulkInsert":
    // its SQL is the author's own, like execute's: only the table it walks moves
    case "backfill":
      return { ...op, table: m.name(op.table) };
    case "renameSequence":
      return { ...op, sequence: m.name(op.sequence) };
    case "createView":
      return { ...op, view: m.view(op.view) };
    case "dropView":
      return { ...op, view: m.name(op.view), ...(op.definition === undefined ? {} : { definition: m.view(op.definition) }) };
    case "insertTypeormMetadata":
      return { ...op, metadataTable: m.name(op.metadataTable), rows: op.rows.map((row) => m.row(row)) };
    case "deleteTypeormMetadata":
      return { ...op, metadataTable: m.name(op.metadataTable), rows: op.rows.map((row) => m.row(row)) };
    default:
      return assertNever(op);
  }
}

/** A whole model moved alike (the differ's two sides, which the renderer reads beside the ops). */
export function moveModel(model: SchemaModel, move: SchemaMove): SchemaModel {
  const m = new Mover(move);
  return {
    // the list holds the schemas beside the default one
    schemas: [...new Set(model.schemas.map(move.schema))].filter((schema) => schema !== DEFAULT_SCHEMA).sort(),
    extensions: model.extensions,
    enums: model.enums.map((e) => m.enumModel(e)),
    tables: model.tables.map((t) => m.table(t)),
    views: model.views.map((v) => m.view(v)),
  };
}

class Mover {
  constructor(private readonly move: SchemaMove) {}

  name(name: QualifiedName): QualifiedName {
    return { schema: this.move.schema(name.schema), name: name.name };
  }

  private text(text: string | null): string | null {
    return text === null ? null : this.move.sql(text);
  }

  enumModel(model: EnumModel): EnumModel {
    return { ...model, schema: this.move.schema(model.schema) };
  }

  usage(usage: EnumUsage): EnumUsage {
    return {
      ...usage,
      table: this.name(usage.table),
      default: this.text(usage.default),
      ...(usage.newDefault === undefined ? {} : { newDefault: this.text(usage.newDefault) }),
    };
  }

  column(column: ColumnModel): ColumnModel {
    return { ...column, type: this.move.sql(column.type), default: this.text(column.default), generated: this.text(column.generated) };
  }

  changes(op: ColumnChanges): ColumnChanges {
    const text = <T extends string | null>(change: { readonly from?: T; readonly to: T }) => ({
      ...change,
      ...(change.from === undefined ? {} : { from: this.text(change.from) as T }),
      to: this.text(change.to) as T,
    });
    return {
      ...(op.type === undefined
        ? {}
        : {
            type: {
              ...text(op.type),
              ...(op.type.using === undefined ? {} : { using: this.move.sql(op.type.using) }),
              ...(op.type.reverseUsing === undefined ? {} : { reverseUsing: this.move.sql(op.type.reverseUsing) }),
            },
          }),
      ...(op.default === undefined ? {} : { default: text(op.default) }),
      ...(op.generated === undefined ? {} : { generated: text(op.generated) }),
    };
  }

  index(index: IndexModel): IndexModel {
    return { ...index, keys: index.keys.map((key) => this.key(key)), where: this.text(index.where) };
  }

  private key(key: IndexKey): IndexKey {
    return "expression" in key ? { ...key, expression: this.move.sql(key.expression) } : key;
  }

  foreignKey(fk: ForeignKeyModel): ForeignKeyModel {
    return { ...fk, referencedTable: this.name(fk.referencedTable) };
  }

  check(check: CheckModel): CheckModel {
    return { ...check, expression: this.move.sql(check.expression) };
  }

  exclusion(exclusion: ExclusionModel): ExclusionModel {
    return { ...exclusion, definition: this.move.sql(exclusion.definition) };
  }

  table(table: TableModel): TableModel {
    return {
      ...table,
      schema: this.move.schema(table.schema),
      columns: table.columns.map((c) => this.column(c)),
      indexes: table.indexes.map((i) => this.index(i)),
      foreignKeys: table.foreignKeys.map((fk) => this.foreignKey(fk)),
      checks: table.checks.map((c) => this.check(c)),
      exclusions: table.exclusions.map((e) => this.exclusion(e)),
    };
  }

  constraint(definition: ConstraintDefinition): ConstraintDefinition {
    switch (definition.type) {
      case "foreignKey":
        return { type: "foreignKey", foreignKey: this.foreignKey(definition.foreignKey) };
      case "check":
        return { type: "check", check: this.check(definition.check) };
      case "exclusion":
        return { type: "exclusion", exclusion: this.exclusion(definition.exclusion) };
      default:
        return definition;
    }
  }

  view(view: ViewModel): ViewModel {
    return { ...view, schema: this.move.schema(view.schema), definition: this.move.sql(view.definition), indexes: view.indexes.map((i) => this.index(i)) };
  }

  row<R extends TypeormMetadataRow>(row: R): R {
    return { ...row, schema: this.move.schema(row.schema) };
  }
}
