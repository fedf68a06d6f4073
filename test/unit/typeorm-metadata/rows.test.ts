import { describe, expect, it } from "vitest";
import { collectOperations } from "../../../src/ops";
import { postgres } from "../../../src/dialect";

describe("op.insertTypeormMetadata / op.deleteTypeormMetadata", () => {
  it("refuse rows TypeORM would never write, naming the method and the row", async () => {
    await expect(collectOperations((op) => op.insertTypeormMetadata([{ type: "GENERATED_COLUMN", schema: "public", name: "c", value: "1" }]), postgres.types)).rejects.toThrow(
      /^insertTypeormMetadata: a GENERATED_COLUMN row needs its table in \{"type":"GENERATED_COLUMN"/,
    );
    await expect(collectOperations((op) => op.insertTypeormMetadata([{ type: "VIEW", schema: "public", table: "t", name: "v", value: "1" }]), postgres.types)).rejects.toThrow(
      /a view's row has no table/,
    );
    await expect(collectOperations((op) => op.insertTypeormMetadata([{ type: "VIEW", schema: "public", name: "v" }]), postgres.types)).rejects.toThrow(/an inserted row needs its value/);
    // @ts-expect-error a type TypeORM does not know
    await expect(collectOperations((op) => op.deleteTypeormMetadata([{ type: "TABLE", schema: "public", name: "v" }]), postgres.types)).rejects.toThrow(/type must be one of VIEW/);
  });

  it("name the default table typeorm_metadata in public, or the one given", async () => {
    const [insert, remove] = await collectOperations(async (op) => {
      await op.insertTypeormMetadata([{ type: "VIEW", schema: "s", name: "v", value: "SELECT 1" }]);
      await op.deleteTypeormMetadata([{ type: "VIEW", schema: "s", name: "v" }], { table: { schema: "app", name: "orm_meta" } });
    }, postgres.types);
    expect(insert).toEqual({ kind: "insertTypeormMetadata", metadataTable: { schema: "public", name: "typeorm_metadata" }, rows: [{ type: "VIEW", schema: "s", name: "v", value: "SELECT 1" }] });
    expect(remove).toEqual({ kind: "deleteTypeormMetadata", metadataTable: { schema: "app", name: "orm_meta" }, rows: [{ type: "VIEW", schema: "s", name: "v" }] });
  });
});
