/** Which ops the online split moves, and which it leaves in their plain forms (diff/online.ts). */
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { onlinePhases } from "../../../src/diff";
import { qualifiedKey } from "../../../src/model/types";
import { collectOperations, type Operations } from "../../../src/ops/operations";
import type { Operation } from "../../../src/ops/types";

const ops = (build: (op: Operations) => Promise<void>): Promise<Operation[]> => collectOperations(build, postgres.types);
const split = (list: readonly Operation[], online: boolean, concurrent: readonly string[] = []) =>
  onlinePhases(list, { online, concurrentIndexes: new Set(concurrent) }, postgres.types);
const kinds = (list: readonly Operation[]): string[] => list.map((op) => op.kind);

describe("online phases", () => {
  it("leaves everything in place without online, but a concurrent: true index", async () => {
    const list = await ops(async (op) => {
      await op.createIndex("t", "t_a_idx", ["a"]);
      await op.createIndex("t", "t_b_idx", ["b"]);
      await op.createForeignKey("t", "t_fk", ["a"], "u", ["id"]);
    });
    const phases = split(list, false, [qualifiedKey({ schema: "public", name: "t_b_idx" })]);
    expect(kinds(phases.locking)).toEqual(["createIndex", "createForeignKey"]);
    expect(phases.online).toHaveLength(1);
    expect(phases.online[0]).toMatchObject({ kind: "createIndex", concurrently: true, index: { name: "t_b_idx" } });
  });

  it("keeps the plain forms on a table the same revision creates", async () => {
    const list = await ops(async (op) => {
      await op.createTable("t", { columns: [{ name: "id", type: "integer" }] });
      await op.createIndex("t", "t_id_idx", ["id"]);
      await op.createCheckConstraint("t", "t_check", "id > 0");
    });
    expect(split(list, true).online).toEqual([]);
  });

  it("splits a SET NOT NULL from the column's other changes, through a validated check", async () => {
    const list = await ops((op) => op.alterColumn("t", "a", { nullable: false, existingNullable: true, type: "bigint", existingType: "integer" }));
    const phases = split(list, true);
    expect(phases.locking).toEqual([expect.objectContaining({ kind: "alterColumn", type: expect.objectContaining({ to: "bigint" }) })]);
    expect(phases.locking[0]).not.toHaveProperty("nullable");
    expect(kinds(phases.online)).toEqual(["createCheckConstraint", "validateConstraint", "alterColumn", "dropConstraint"]);
    expect(phases.online[0]).toMatchObject({ notValid: true, check: { name: "t_a_not_null", expression: "a IS NOT NULL" } });
  });

  it("keeps a unique constraint in place when a foreign key staying there references it", async () => {
    const list = await ops(async (op) => {
      await op.createUniqueConstraint("u", "u_code_key", ["code"]);
      await op.createTable("v", {
        columns: [{ name: "code", type: "text" }],
        foreignKeys: [{ name: "v_code_fkey", columns: ["code"], references: "u", referencedColumns: ["code"] }],
      });
    });
    expect(kinds(split(list, true).locking)).toEqual(["createUniqueConstraint", "createTable"]);
  });

  it("builds a unique constraint's index concurrently and attaches it by name", async () => {
    const phases = split(await ops((op) => op.createUniqueConstraint("u", "u_code_key", ["code"])), true);
    expect(phases.online).toEqual([
      expect.objectContaining({ kind: "createIndex", concurrently: true, index: expect.objectContaining({ name: "u_code_key", unique: true }) }),
      expect.objectContaining({ kind: "createUniqueConstraint", usingIndex: "u_code_key" }),
    ]);
  });
});
