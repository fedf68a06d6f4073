/**
 * A project still on TypeORM 0.2 (Connection, no DataSource): its typeorm
 * module is what the loader hands over, so the message must name the version
 * gap rather than a missing driver.
 */
import { describe, expect, it } from "vitest";
import { buildOfflineDataSource, type TypeormModule } from "../../../src/entities/metadata";
import { EntityError } from "../../../src/errors";

describe("a project's TypeORM without DataSource", () => {
  it("is refused with one line naming TypeORM 0.3 as the floor", async () => {
    const typeorm = require("typeorm") as typeof import("typeorm");
    // the shape of TypeORM 0.2's exports as far as migrator reads them: Table, and no DataSource
    const old = { Table: typeorm.Table } as unknown as TypeormModule;
    const failure = await buildOfflineDataSource(old, [], {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EntityError);
    expect((failure as EntityError).message).toContain("TypeORM 0.3 or later");
    expect((failure as EntityError).hint).toContain("upgrade typeorm");
  });
});
