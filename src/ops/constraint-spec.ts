/**
 * How a revision writes the definition of a constraint it drops: the same
 * shapes as `createTable` uses (defaults left out, `references` as a table
 * reference), tagged by type, with the name optional (it defaults to the
 * dropped constraint's name). The full model form (`ConstraintDefinition`)
 * is accepted too, as written by earlier revisions.
 */
import { MigratorError } from "../errors";
import type { ForeignKeyModel, QualifiedName } from "../model/types";
import { checkModel, exclusionModel, foreignKeyModel, primaryKeyModel, uniqueModel, type ForeignKeySpec, type UniqueSpec } from "./specs";
import type { ConstraintDefinition } from "./types";

type Named<T> = Omit<T, "name"> & { readonly name?: string };

export type ConstraintDefinitionSpec =
  | { readonly type: "primaryKey"; readonly primaryKey: { readonly name?: string; readonly columns: readonly string[] } }
  | { readonly type: "unique"; readonly unique: Named<UniqueSpec> }
  | { readonly type: "foreignKey"; readonly foreignKey: Named<ForeignKeySpec> | ForeignKeyModel }
  | { readonly type: "check"; readonly check: { readonly name?: string; readonly expression: string } }
  | { readonly type: "exclusion"; readonly exclusion: { readonly name?: string; readonly definition: string } };

/** The model of the constraint `name` on `table` that `spec` describes. */
export function constraintDefinition(table: QualifiedName, name: string, spec: ConstraintDefinitionSpec, home?: string): ConstraintDefinition {
  switch (spec.type) {
    case "primaryKey":
      return Object.freeze({ type: "primaryKey", primaryKey: primaryKeyModel(table, { name: spec.primaryKey.name ?? name, columns: spec.primaryKey.columns }) });
    case "unique":
      return Object.freeze({ type: "unique", unique: uniqueModel(table, { ...spec.unique, name: spec.unique.name ?? name }) });
    case "foreignKey": {
      const fk = spec.foreignKey;
      const written: ForeignKeySpec =
        "referencedTable" in fk
          ? {
              name: fk.name,
              columns: fk.columns,
              references: fk.referencedTable,
              referencedColumns: fk.referencedColumns,
              onDelete: fk.onDelete,
              onUpdate: fk.onUpdate,
              deferrable: fk.deferrable,
              initiallyDeferred: fk.initiallyDeferred,
            }
          : { ...fk, name: fk.name ?? name };
      return Object.freeze({ type: "foreignKey", foreignKey: foreignKeyModel(table, written, home) });
    }
    case "check":
      return Object.freeze({ type: "check", check: checkModel({ name: spec.check.name ?? name, expression: spec.check.expression }) });
    case "exclusion":
      return Object.freeze({ type: "exclusion", exclusion: exclusionModel({ name: spec.exclusion.name ?? name, definition: spec.exclusion.definition }) });
    default: {
      const unknown: unknown = (spec as { type?: unknown }).type;
      throw new MigratorError(`dropConstraint "${name}": unknown constraint type ${JSON.stringify(unknown)} in its definition`);
    }
  }
}
