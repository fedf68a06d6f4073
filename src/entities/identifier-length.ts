/**
 * A database may keep only part of a long identifier (PostgreSQL its first 63
 * bytes, dropping the rest with a NOTICE): a longer name in an entity would be
 * created under another name than the model compares, so the comparison would
 * never find it again (or two names would become one). Refused, naming the
 * entity and property; the database says which names it would not keep whole.
 */
import type { EntityMetadata } from "typeorm";
import { EntityError } from "../errors";
import type { DialectTypes } from "../model/dialect-types";
import type { QualifiedName, TableModel, ViewModel } from "../model/types";

/** Every name the object's DDL would use: schema, name, columns, constraints, indexes, and the enum types it creates. */
export function checkIdentifierLengths(
  metadata: EntityMetadata,
  object: TableModel | ViewModel,
  enums: readonly QualifiedName[],
  types: Pick<DialectTypes, "overlongIdentifier">,
): void {
  const entity = metadata.name;
  const check = (name: string, what: string, hint: string): void => {
    const problem = types.overlongIdentifier(name);
    if (problem !== undefined) throw new EntityError(`${what} "${name}" ${problem}`, { hint });
  };
  const kind = "columns" in object ? "table" : "view";
  check(object.schema, `entity ${entity}: the schema name`, "give the entity a shorter schema");
  check(object.name, `entity ${entity}: the ${kind} name`, `give it a shorter name: @${kind === "table" ? "Entity" : "ViewEntity"}({ name: "..." })`);
  for (const index of object.indexes) check(index.name, `entity ${entity}: the index name`, 'name it shorter: @Index("...")');
  for (const type of enums) {
    check(type.schema, `entity ${entity}: the schema of enum type "${type.name}"`, "give the enum a shorter schema");
    check(type.name, `entity ${entity}: the enum type name`, 'name it shorter with the column\'s enumName: @Column({ type: "enum", enumName: "..." })');
  }
  if (!("columns" in object)) return;
  for (const column of object.columns) {
    const property = metadata.columns.find((c) => c.databaseName === column.name)?.propertyPath ?? column.name;
    check(column.name, `${entity}.${property}: the column name`, 'give it a shorter name: @Column({ name: "..." })');
  }
  const constraints = [
    ...(object.primaryKey === null ? [] : [object.primaryKey]),
    ...object.uniques,
    ...object.foreignKeys,
    ...object.checks,
    ...object.exclusions,
  ];
  for (const constraint of constraints) {
    check(constraint.name, `entity ${entity}: the constraint name`, "give the constraint a shorter name (its decorator's name, or constraintName)");
  }
}
