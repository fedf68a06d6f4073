/**
 * A schema model names each object once: one table or view per qualified name
 * (they share PostgreSQL's relation namespace), one enum per qualified name,
 * and within a table one column, one constraint and one index per name. A
 * model that breaks this would make the differ emit the same CREATE twice, so
 * whoever builds one checks it, and the differ checks both of its inputs.
 * Linear in the model's size.
 */
import { displayTable } from "./names";
import { qualifiedKey, type SchemaModel, type TableModel } from "./types";

/** Not a user error: a reader or the differ's caller built a model with a duplicate. */
export class DuplicateObjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DuplicateObjectError";
  }
}

/** Throws DuplicateObjectError naming the first object `model` holds twice; `which` says whose model it is. */
export function assertNoDuplicates(model: SchemaModel, which: string): void {
  // labels are only spelled for the duplicate: this runs on every model of every comparison
  const twice = (label: string): never => {
    throw new DuplicateObjectError(`the ${which} model holds ${label} twice`);
  };
  const schemas = new Set<string>();
  for (const schema of model.schemas) if (!addNew(schemas, schema)) twice(`schema "${schema}"`);
  const extensions = new Set<string>();
  for (const extension of model.extensions) if (!addNew(extensions, extension.name)) twice(`extension "${extension.name}"`);
  const enums = new Set<string>();
  for (const type of model.enums) if (!addNew(enums, qualifiedKey(type))) twice(`enum ${displayTable(type)}`);
  // tables and views share PostgreSQL's relation namespace
  const relations = new Set<string>();
  // per table, reused (cleared) from one table to the next
  const names = { columns: new Set<string>(), constraints: new Set<string>(), indexes: new Set<string>() };
  for (const table of model.tables) {
    if (!addNew(relations, qualifiedKey(table))) twice(`table ${displayTable(table)}`);
    const duplicate = duplicateInTable(table, names);
    if (duplicate !== null) twice(`${duplicate} on table ${displayTable(table)}`);
  }
  for (const view of model.views) {
    if (!addNew(relations, qualifiedKey(view))) twice(`view ${displayTable(view)}`);
    names.indexes.clear();
    for (const index of view.indexes) if (!addNew(names.indexes, index.name)) twice(`index "${index.name}" on view ${displayTable(view)}`);
  }
}

interface TableNames {
  readonly columns: Set<string>;
  readonly constraints: Set<string>;
  readonly indexes: Set<string>;
}

/** The first column, constraint or index `table` names twice (as a label), else null. */
function duplicateInTable(table: TableModel, names: TableNames): string | null {
  names.columns.clear();
  names.constraints.clear();
  names.indexes.clear();
  for (const column of table.columns) if (!addNew(names.columns, column.name)) return `column "${column.name}"`;
  // primary key, unique, foreign key, check and exclusion constraints share one namespace per table
  if (table.primaryKey) names.constraints.add(table.primaryKey.name);
  for (const list of [table.uniques, table.foreignKeys, table.checks, table.exclusions]) {
    for (const constraint of list) if (!addNew(names.constraints, constraint.name)) return `constraint "${constraint.name}"`;
  }
  for (const index of table.indexes) if (!addNew(names.indexes, index.name)) return `index "${index.name}"`;
  return null;
}

/** Adds `key`; false when it was there already. */
function addNew(set: Set<string>, key: string): boolean {
  const size = set.size;
  set.add(key);
  return set.size !== size;
}
