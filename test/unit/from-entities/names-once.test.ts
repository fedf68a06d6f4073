/**
 * Two columns may share an enum type (`enumName`). synchronize creates it from
 * the first and compares later columns with it as a set of labels: the same
 * labels in another order are the first's type; other labels have no stable
 * answer (synchronize would rebuild the type on every run), so they are an
 * error naming both columns.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { readEntityModel } from "../../../src/entities";
import { EntityError } from "../../../src/errors";
import { postgres } from "../../../src/dialect";

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
    const { model } = await readEntityModel(pair(["open", "paid"], ["paid", "open"]), { dialect: postgres, typeorm });
    expect(model.enums).toEqual([{ schema: "public", name: "state", values: ["open", "paid"] }]);
  });

  it("a later column naming the enum without labels uses the first's type (TypeORM issue 7541)", async () => {
    @Entity("ticket")
    class Ticket {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: "enum", enum: ["open", "paid"], enumName: "ticket_state" }) state!: string;
      @Column({ type: "enum", enumName: "ticket_state" }) previousState!: string;
    }
    const { model } = await readEntityModel([Ticket], { dialect: postgres, typeorm });
    expect(model.enums).toEqual([{ schema: "public", name: "ticket_state", values: ["open", "paid"] }]);
  });

  it("other labels are an error naming both columns and their labels", async () => {
    const reading = readEntityModel(pair(["open", "paid"], ["open", "void"]), { dialect: postgres, typeorm });
    await expect(reading).rejects.toBeInstanceOf(EntityError);
    await expect(reading).rejects.toThrow(/enum "state" is declared by OrderRow.state \(open, paid\) and by InvoiceRow.status \(open, void\)/);
  });
});

describe("one name per schema for relations and types", () => {
  it("an explicit index name used on two tables is an error naming both", async () => {
    @Entity("shelf")
    @Index("idx_label", ["label"])
    class Shelf {
      @PrimaryGeneratedColumn() id!: number;
      @Column() label!: string;
    }
    @Entity("crate")
    @Index("idx_label", ["label"])
    class Crate {
      @PrimaryGeneratedColumn() id!: number;
      @Column() label!: string;
    }
    const reading = readEntityModel([Shelf, Crate], { dialect: postgres, typeorm });
    await expect(reading).rejects.toBeInstanceOf(EntityError);
    await expect(reading).rejects.toThrow('index "idx_label" on table "shelf" and index "idx_label" on table "crate" have the same name');
  });

  it("an index named like a table is an error", async () => {
    @Entity("bin")
    @Index("box", ["label"])
    class Bin {
      @PrimaryGeneratedColumn() id!: number;
      @Column() label!: string;
    }
    @Entity("box")
    class Box {
      @PrimaryGeneratedColumn() id!: number;
    }
    await expect(readEntityModel([Bin, Box], { dialect: postgres, typeorm })).rejects.toThrow('index "box" on table "bin" and table "box" have the same name');
    await expect(readEntityModel([Bin], { dialect: postgres, typeorm })).resolves.toBeDefined();
  });

  it("an enum named like a table is an error (the table's row type holds the name)", async () => {
    @Entity("tray")
    class Tray {
      @PrimaryGeneratedColumn() id!: number;
    }
    @Entity("cup")
    class Cup {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: "enum", enum: ["a", "b"], enumName: "tray" }) kind!: string;
    }
    await expect(readEntityModel([Tray, Cup], { dialect: postgres, typeorm })).rejects.toThrow('table "tray" and enum "tray" have the same name');
    await expect(readEntityModel([Cup], { dialect: postgres, typeorm })).resolves.toBeDefined();
  });

  it("the same index name in two schemas is allowed", async () => {
    @Entity({ name: "shelf", schema: "north" })
    @Index("idx_label", ["label"])
    class NorthShelf {
      @PrimaryGeneratedColumn() id!: number;
      @Column() label!: string;
    }
    @Entity({ name: "shelf", schema: "south" })
    @Index("idx_label", ["label"])
    class SouthShelf {
      @PrimaryGeneratedColumn() id!: number;
      @Column() label!: string;
    }
    const { model } = await readEntityModel([NorthShelf, SouthShelf], { dialect: postgres, typeorm });
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(["north.shelf", "south.shelf"]);
  });
});
