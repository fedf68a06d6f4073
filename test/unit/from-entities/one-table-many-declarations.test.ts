/**
 * The reader keeps one table per name when several metadata declare it, built
 * as TypeORM's synchronize builds it (the first declaration makes the table,
 * later ones add what it lacks), warns once naming the declarations when they
 * disagree, and refuses what synchronize itself cannot settle. The catalog
 * side of the same cases is test/db/guarantees/duplicates.test.ts.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, ViewEntity, ViewColumn } from "typeorm";
import { readEntityModel, type EntityModel } from "../../../src/entities";
import type { TableModel } from "../../../src/model/types";
import { EntityError } from "../../../src/errors";
import * as junctionBothSides from "../../fixtures/entities/junction-both-sides";
import * as junctionAndEntity from "../../fixtures/entities/junction-and-entity";
import * as oneTableTwoEntities from "../../fixtures/entities/one-table-two-entities";
import * as stiClosure from "../../fixtures/entities/sti-closure";
import { postgres } from "../../../src/dialect";

const typeorm = require("typeorm") as typeof import("typeorm");
const read = (entities: readonly Function[]): Promise<EntityModel> => readEntityModel(entities, { dialect: postgres, typeorm });

function only(result: EntityModel, name: string): TableModel {
  const found = result.model.tables.filter((t) => t.name === name);
  expect(found, `table ${name} once`).toHaveLength(1);
  return found[0]!;
}
const names = (items: readonly { name: string }[]): string[] => items.map((item) => item.name);

describe("one table declared by several metadata", () => {
  it("a junction declared from both sides is the first side's, with one warning naming both", async () => {
    const result = await read(junctionBothSides.entities);
    expect(names(result.model.tables)).toEqual(["product", "product_profile", "profile"]);
    const junction = only(result, "product_profile");
    expect(names(junction.columns)).toEqual(["product_id", "profile_id"]);
    expect(junction.primaryKey?.columns).toEqual(["product_id", "profile_id"]);
    expect(junction.foreignKeys).toHaveLength(2);
    expect(junction.indexes).toHaveLength(2);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('table "product_profile" is declared by Product.profiles and by Profile.products');
    expect(result.warnings[0]).toContain('wants primary key ("profile_id", "product_id"), not ("product_id", "profile_id")');
  });

  it("an entity class beside a @JoinTable of its name: the entity's table plus the junction's own indexes", async () => {
    const result = await read(junctionAndEntity.entities);
    const table = only(result, "article_tag");
    expect(names(table.columns)).toEqual(["article_id", "tag_id"]);
    // the foreign keys share their names: the entity's come first and win (no ON UPDATE CASCADE)
    expect(table.foreignKeys.map((fk) => [fk.onDelete, fk.onUpdate])).toEqual([
      ["CASCADE", "NO ACTION"],
      ["CASCADE", "NO ACTION"],
    ]);
    expect(table.indexes.map((index) => index.keys)).toEqual([[{ column: "article_id" }], [{ column: "tag_id" }]]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^table "article_tag" is declared by ArticleTag and by Article\.tags, which disagree: Article\.tags adds indexes /);
  });

  it("two entity classes on one table merge as synchronize merges them, with a warning naming both classes", async () => {
    const result = await read(oneTableTwoEntities.entities);
    expect(names(only(result, "item").columns)).toEqual(["id", "name", "price"]);
    expect(result.warnings).toEqual([expect.stringMatching(/^table "item" is declared by Item and by ItemSummary, which disagree: ItemSummary lacks column "price" /)]);
  });

  it("the closure table an STI child inherits is one table, and no warning: the declarations agree", async () => {
    const result = await read(stiClosure.entities);
    expect(names(result.model.tables)).toEqual(["node", "node_closure"]);
    expect(result.warnings).toEqual([]);
  });

  it("columns a later declaration lacks move behind the shared ones, as synchronize drops and re-adds them", async () => {
    @Entity("gadget")
    class Gadget {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: "integer", nullable: true }) extra!: number;
      @Index() @Column({ type: "varchar", length: 20 }) label!: string;
    }
    @Entity("gadget")
    class GadgetCard {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: "varchar", length: 20 }) label!: string;
      @Column({ type: "integer", nullable: true }) more!: number;
    }
    const result = await read([Gadget, GadgetCard]);
    const table = only(result, "gadget");
    expect(names(table.columns)).toEqual(["id", "label", "extra", "more"]);
    expect(table.indexes).toHaveLength(1);
    expect(result.warnings[0]).toContain('GadgetCard lacks column "extra" (TypeORM\'s synchronize drops and re-adds it on every run), adds column "more", lacks index');
  });

  it("a column two classes define differently is an error naming both classes and the column", async () => {
    @Entity("thing")
    class Thing {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: "varchar", length: 80 }) name!: string;
    }
    @Entity("thing")
    class ThingLite {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: "varchar", length: 40 }) name!: string;
    }
    const failure = await read([Thing, ThingLite]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EntityError);
    expect((failure as EntityError).message).toBe(
      'table "thing" is declared by Thing and by ThingLite, which define column "name" differently (character varying(80) not null against character varying(40) not null)',
    );
  });

  it("a column in one declaration's primary key and not in the other's is an error", async () => {
    @Entity("pairing")
    class Pairing {
      @PrimaryColumn() left!: number;
      @PrimaryColumn() right!: number;
    }
    @Entity("pairing")
    class PairingRow {
      @PrimaryColumn() left!: number;
      @Column() right!: number;
    }
    await expect(read([Pairing, PairingRow])).rejects.toThrow(
      'table "pairing" is declared by Pairing and by PairingRow, which disagree on whether column "right" is part of the primary key',
    );
  });

  it("identical declarations merge without a word", async () => {
    @Entity("twin")
    class Twin {
      @PrimaryGeneratedColumn() id!: number;
    }
    @Entity("twin")
    class TwinAgain {
      @PrimaryGeneratedColumn() id!: number;
    }
    const result = await read([Twin, TwinAgain]);
    only(result, "twin");
    expect(result.warnings).toEqual([]);
  });

  it("views: one of two identical, an error for two different or for a view named like a table", async () => {
    @ViewEntity({ name: "names_view", expression: "SELECT 1 AS one" })
    class NamesView {
      @ViewColumn() one!: number;
    }
    @ViewEntity({ name: "names_view", expression: "SELECT 1 AS one" })
    class NamesViewAgain {
      @ViewColumn() one!: number;
    }
    @ViewEntity({ name: "names_view", expression: "SELECT 2 AS one" })
    class NamesViewOther {
      @ViewColumn() one!: number;
    }
    @Entity("names_view")
    class NamesTable {
      @PrimaryGeneratedColumn() id!: number;
    }
    expect(names((await read([NamesView, NamesViewAgain])).model.views)).toEqual(["names_view"]);
    await expect(read([NamesView, NamesViewOther])).rejects.toThrow('view "names_view" is declared by NamesView and by NamesViewOther, differently');
    await expect(read([NamesTable, NamesView])).rejects.toThrow('"names_view" is declared as a table by NamesTable and as a view by NamesView');
  });

  it("a table one entity synchronizes is managed even when another declares it with synchronize: false", async () => {
    @Entity("ledger", { synchronize: false })
    class LedgerReadOnly {
      @PrimaryGeneratedColumn() id!: number;
    }
    @Entity("ledger")
    class Ledger {
      @PrimaryGeneratedColumn() id!: number;
    }
    const result = await read([LedgerReadOnly, Ledger]);
    only(result, "ledger");
    expect(result.unmanaged).toEqual([]);
  });
});
