/**
 * The no-phantom property on schemas nobody wrote by hand: for random
 * MySQL-shaped entity sets (EntitySchema), TypeORM's synchronize on MariaDB,
 * introspected, equals the set's entity model normalised by the server.
 * FC_SEED=random explores new sets (see test/helpers/setup-fast-check.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mysqlCatalog } from "../../../src/dialect/mysql/catalog-part";
import { readEntityModel, type EntityDialect } from "../../../src/entities";
import { DEFAULT_SCHEMA } from "../../../src/model/types";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { mysqlTestExecutor } from "../../helpers/mysql-executor";
import { mysqlEntitySets } from "../../fixtures/random/mysql-entity-sets";

const typeorm = require("typeorm") as typeof import("typeorm");

const entityDialect: EntityDialect = {
  typeormType: "mariadb",
  quote: { literal: (value) => `'${value.replace(/'/g, "''")}'` },
  types: {
    entityEnumType: () => {
      throw new Error("MySQL has no enum types");
    },
    overlongIdentifier: () => undefined,
  },
};

describe.skipIf(!mariadbUrl())("random MySQL entity sets on MariaDB", () => {
  it("synchronize's schema, introspected, equals the normalised entity model", async () => {
    await fc.assert(
      fc.asyncProperty(mysqlEntitySets, async (schemas) => {
        await withMariaDb(async ({ connection, url }) => {
          const entities = schemas.map((options) => new typeorm.EntitySchema(options));
          const dataSource = new typeorm.DataSource({ type: "mariadb", url, entities, synchronize: true });
          await dataSource.initialize();
          const version = (dataSource.driver as unknown as { version: string }).version;
          await dataSource.destroy();
          const executor = mysqlTestExecutor(connection);
          const live = await mysqlCatalog.introspect(executor, { schemas: [DEFAULT_SCHEMA] });
          const read = await readEntityModel(entities, { typeorm, dialect: entityDialect, typeormDriver: { type: "mariadb", version } });
          expect(live.tables).toHaveLength(schemas.length);
          expect(await mysqlCatalog.normalise(read.model, executor)).toEqual(live);
        });
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 300_000);
});
