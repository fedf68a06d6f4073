/**
 * Two columns may share an enum type (`enumName`). synchronize creates it from
 * the first and compares later columns with it as a set of labels: the same
 * labels in another order are the first's type; other labels have no stable
 * answer (synchronize would rebuild the type on every run), so they are an
 * error naming both columns.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { readEntityModel } from "../../../src/model/from-entities";
import { EntityError } from "../../../src/errors";

const typeorm = require("typeorm") as typeof import("typeorm");

function pair(first: string[], second: string[]): Function[] {
  @Entity("order_row")
  class OrderRow {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: "enum", enum: first, enumName: "state" }) state!: string;
  }
  @Entity("invoice_row")
  class InvoiceRow {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: "enum", enum: second, enumName: "state" }) status!: string;
  }
  return [OrderRow, InvoiceRow];
}

describe("one enum type per name", () => {
  it("the same labels in another order are the first declaration's type", async () => {
    const { model } = await readEntityModel(pair(["open", "paid"], ["paid", "open"]), { typeorm });
    expect(model.enums).toEqual([{ schema: "public", name: "state", values: ["open", "paid"] }]);
  });

  it("other labels are an error naming both columns and their labels", async () => {
    const reading = readEntityModel(pair(["open", "paid"], ["open", "void"]), { typeorm });
    await expect(reading).rejects.toBeInstanceOf(EntityError);
    await expect(reading).rejects.toThrow(/enum "state" is declared by OrderRow.state \(open, paid\) and by InvoiceRow.status \(open, void\)/);
  });
});
