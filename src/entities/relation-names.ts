/**
 * PostgreSQL keeps one namespace per schema for relations: tables, views, and
 * the indexes behind indexes, primary keys, uniques and exclusions. Enum types
 * share the type namespace with every table's and view's row type. A name the
 * entities use twice there (usually an explicit `@Index("name")` or
 * constraint name copied to a second entity) would pass the comparison and
 * fail at upgrade; it is an error naming both objects instead.
 */
import { EntityError } from "../errors";
import { displayTable } from "../model/names";
import { qualifiedKey, type EnumModel, type QualifiedName, type TableModel, type ViewModel } from "../model/types";

export function assertRelationNamesOnce(tables: readonly TableModel[], views: readonly ViewModel[], enums: readonly EnumModel[]): void {
  const relations = new Names("tables, views, indexes and the indexes of keys, uniques and exclusions");
  const types = new Names("enum types and the row types of tables and views");
  for (const table of tables) {
    const label = `table ${displayTable(table)}`;
    relations.add(table, label);
    types.add(table, label);
    const on = ` on table ${displayTable(table)}`;
    const at = (name: string): QualifiedName => ({ schema: table.schema, name });
    if (table.primaryKey) relations.add(at(table.primaryKey.name), `primary key "${table.primaryKey.name}"${on}`);
    for (const unique of table.uniques) relations.add(at(unique.name), `unique constraint "${unique.name}"${on}`);
    for (const exclusion of table.exclusions) relations.add(at(exclusion.name), `exclusion constraint "${exclusion.name}"${on}`);
    for (const index of table.indexes) relations.add(at(index.name), `index "${index.name}"${on}`);
  }
  for (const view of views) {
    const label = `view ${displayTable(view)}`;
    relations.add(view, label);
    types.add(view, label);
    for (const index of view.indexes) relations.add({ schema: view.schema, name: index.name }, `index "${index.name}" on view ${displayTable(view)}`);
  }
  for (const type of enums) types.add(type, `enum ${displayTable(type)}`);
}

class Names {
  private readonly seen = new Map<string, string>();
  constructor(private readonly namespace: string) {}

  add(name: QualifiedName, label: string): void {
    const key = qualifiedKey(name);
    const other = this.seen.get(key);
    if (other === undefined) {
      this.seen.set(key, label);
      return;
    }
    throw new EntityError(`${other} and ${label} have the same name`, {
      hint: `in PostgreSQL, ${this.namespace} of one schema share one namespace: rename one of them`,
    });
  }
}
