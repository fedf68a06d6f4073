/** createMigrator's fleet(): what it refuses before anything connects. */
import { describe, expect, it } from "vitest";
import { createMigrator, UsageError } from "../../../src";

describe("createMigrator().fleet()", () => {
  it("refuses createMigrator's url, as --all refuses --url", async () => {
    const migrator = createMigrator({ url: "postgres://nobody@127.0.0.1:1/none", config: { entities: [], targets: [{ name: "a", url: "postgres://nobody@127.0.0.1:1/none" }] } });
    await expect(migrator.fleet().status()).rejects.toThrow(UsageError);
    await expect(migrator.fleet().upgrade()).rejects.toThrow(/url does not go with fleet\(\)/);
  });
});
