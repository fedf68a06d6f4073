/** Shared by the introspect/normalise DB tests: fixture sets, TypeORM's synchronize, readable op summaries. */
import "reflect-metadata";
import type { Executor } from "../../../src/db/types";
import { quoteIdent } from "../../../src/dialect/postgres/quote";
import { introspect } from "../../../src/dialect/postgres/introspect";
import { readEntityModel, type EntityModel } from "../../../src/entities";
import { DEFAULT_SCHEMA, type SchemaModel } from "../../../src/model/types";
import type { Operation } from "../../../src/ops/types";
import { postgres } from "../../../src/dialect";

export const typeorm = require("typeorm") as typeof import("typeorm");

export const FIXTURE_SETS = ["core", "trees", "inheritance", "schemas", "phantoms"] as const;
export type FixtureSet = (typeof FIXTURE_SETS)[number];

export interface Fixture {
  readonly entities: Function[];
  readonly schemas: readonly string[];
}

const FIXTURES: Record<FixtureSet, () => Promise<{ entities: Function[]; SCHEMAS?: readonly string[] }>> = {
  core: () => import("../../fixtures/entities/core"),
  trees: () => import("../../fixtures/entities/trees"),
  inheritance: () => import("../../fixtures/entities/inheritance"),
  schemas: () => import("../../fixtures/entities/schemas"),
  phantoms: () => import("../../fixtures/entities/phantoms"),
};

export async function loadFixture(set: FixtureSet): Promise<Fixture> {
  const module = await FIXTURES[set]();
  return { entities: module.entities, schemas: module.SCHEMAS ?? [] };
}

/** Creates the schemas the set needs (synchronize does not), then runs TypeORM's own synchronize. */
export async function synchronize(url: string, executor: Executor, fixture: Fixture): Promise<void> {
  for (const schema of fixture.schemas) await executor.exec(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const dataSource = new typeorm.DataSource({ type: "postgres", url, entities: fixture.entities, synchronize: true, logging: false });
  await dataSource.initialize();
  await dataSource.destroy();
}

export function readFixture(fixture: Fixture): Promise<EntityModel> {
  return readEntityModel(fixture.entities, { dialect: postgres, typeorm });
}

/** What the CLI would introspect for this entity model: its schemas plus the default, without unmanaged tables. */
export function introspectFor(executor: Executor, read: EntityModel): Promise<SchemaModel> {
  return introspect(executor, { schemas: [...read.model.schemas, DEFAULT_SCHEMA], ignoreTables: read.unmanaged });
}

/** `kind table subject`, enough to say which change an op is about. */
export function summary(op: Operation): string {
  const table = "table" in op && typeof op.table === "object" && op.table !== null && "name" in op.table ? String(op.table.name) : "";
  switch (op.kind) {
    case "alterColumn":
      return `${op.kind} ${table}.${op.column} ${Object.keys(op).filter((k) => !["kind", "table", "column", "destructive"].includes(k)).sort().join(",")}`;
    case "addColumn":
      return `${op.kind} ${table}.${op.column.name}`;
    case "dropColumn":
      return `${op.kind} ${table}.${op.column}`;
    case "createIndex":
      return `${op.kind} ${table} ${op.index.name}`;
    case "dropIndex":
    case "dropConstraint":
      return `${op.kind} ${table} ${op.name}`;
    case "createCheckConstraint":
      return `${op.kind} ${table} ${op.check.name}`;
    case "createForeignKey":
      return `${op.kind} ${table} ${op.foreignKey.name}`;
    default:
      return `${op.kind} ${table}`;
  }
}
