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
  const seen = new Unique(which);
  for (const schema of model.schemas) seen.add("schemas", schema, `schema "${schema}"`);
  for (const extension of model.extensions) seen.add("extensions", extension.name, `extension "${extension.name}"`);
  for (const type of model.enums) seen.add("enums", qualifiedKey(type), `enum ${displayTable(type)}`);
  for (const table of model.tables) {
    seen.add("relations", qualifiedKey(table), `table ${displayTable(table)}`);
    assertTableNamesOnce(table, which);
  }
  for (const view of model.views) {
    seen.add("relations", qualifiedKey(view), `view ${displayTable(view)}`);
    const indexes = new Unique(which);
    for (const index of view.indexes) indexes.add("indexes", index.name, `index "${index.name}" on view ${displayTable(view)}`);
  }
}

function assertTableNamesOnce(table: TableModel, which: string): void {
  const seen = new Unique(which);
  const on = ` on table ${displayTable(table)}`;
  for (const column of table.columns) seen.add("columns", column.name, `column "${column.name}"${on}`);
  // primary key, unique, foreign key, check and exclusion constraints share one namespace per table
  const constraints = [
    ...(table.primaryKey ? [table.primaryKey] : []),
    ...table.uniques,
    ...table.foreignKeys,
    ...table.checks,
    ...table.exclusions,
  ];
  for (const constraint of constraints) seen.add("constraints", constraint.name, `constraint "${constraint.name}"${on}`);
  for (const index of table.indexes) seen.add("indexes", index.name, `index "${index.name}"${on}`);
}

class Unique {
  private readonly seen = new Map<string, Set<string>>();
  constructor(private readonly which: string) {}

  add(namespace: string, key: string, label: string): void {
    let keys = this.seen.get(namespace);
    if (!keys) this.seen.set(namespace, (keys = new Set()));
    if (keys.has(key)) throw new DuplicateObjectError(`the ${this.which} model holds ${label} twice`);
    keys.add(key);
  }
}
