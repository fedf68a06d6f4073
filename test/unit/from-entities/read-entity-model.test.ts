/**
 * The raw model read from each fixture set, feature by feature. Expected values
 * are TypeORM's own DDL spelling (test/db/from-entities proves that spelling
 * against a real synchronize).
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { readEntityModel } from "../../../src/entities";
import type { EntityModel } from "../../../src/entities";
import type { ColumnModel, TableModel } from "../../../src/model/types";
import { EntityError } from "../../../src/errors";
import * as core from "../../fixtures/entities/core";
import * as trees from "../../fixtures/entities/trees";
import * as inheritance from "../../fixtures/entities/inheritance";
import * as schemas from "../../fixtures/entities/schemas";
import * as phantoms from "../../fixtures/entities/phantoms";
import { postgres } from "../../../src/dialect";

const typeorm = require("typeorm") as typeof import("typeorm");
const read = (entities: readonly Function[], extra: Partial<Parameters<typeof readEntityModel>[1]> = {}): Promise<EntityModel> =>
  readEntityModel(entities, { dialect: postgres, typeorm, ...extra });

function table(result: EntityModel, name: string, schema = "public"): TableModel {
  const found = result.model.tables.find((t) => t.name === name && t.schema === schema);
  if (!found) throw new Error(`no table ${schema}.${name} in ${result.model.tables.map((t) => t.name).join(", ")}`);
  return found;
}
function column(t: TableModel, name: string): ColumnModel {
  const found = t.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${t.name}`);
  return found;
}

describe("core fixture", async () => {
  const result = await read(core.entities);
  const user = table(result, "user");
  const post = table(result, "post");

  it("spells types as TypeORM's DDL does, arrays as []", () => {
    expect(column(user, "email").type).toBe("character varying(255)");
    expect(column(user, "balance").type).toBe("numeric(10,2)");
    expect(column(user, "labels").type).toBe("text[]");
    expect(column(user, "seenAt").type).toBe("TIMESTAMP WITH TIME ZONE");
    expect(column(post, "publishedAt").type).toBe("TIMESTAMP(3)");
    expect(column(post, "score").type).toBe("double precision");
  });

  it("spells defaults as driver.normalizeDefault does", () => {
    expect(column(user, "karma").default).toBe("'0'");
    expect(column(user, "balance").default).toBe("'-12.5'");
    expect(column(user, "active").default).toBe("true");
    expect(column(user, "settings").default).toBe(`'{"theme":"dark","tags":["a","it''s"]}'`);
    expect(column(user, "labels").default).toBe("'{x,y}'");
    expect(column(user, "motto").default).toBe("'it''s here'");
    expect(column(user, "seenAt").default).toBe("now()");
    expect(column(user, "joinedOn").default).toBe("('now'::text)::date");
    expect(column(user, "role").default).toBe("'reader'");
    expect(column(user, "extraRoles").default).toBe("'{reader}'");
    expect(column(post, "wordCount").default).toBe("0");
  });

  it("keeps date, delete-date and version columns as synchronize creates them", () => {
    expect(column(user, "createdAt")).toMatchObject({ type: "TIMESTAMP", default: "now()", nullable: false });
    expect(column(user, "updatedAt")).toMatchObject({ type: "TIMESTAMP WITH TIME ZONE", default: "now()" });
    expect(column(user, "deletedAt")).toMatchObject({ nullable: true, default: null });
    expect(column(user, "version")).toMatchObject({ type: "integer", nullable: false, default: null });
  });

  it("tells uuid, serial and identity generation apart", () => {
    expect(column(user, "id")).toMatchObject({ type: "uuid", default: "uuid_generate_v4()", serial: false, identity: null });
    expect(column(user, "publicKey")).toMatchObject({ default: "uuid_generate_v4()", serial: false, identity: null });
    const revision = table(result, "post_revision");
    expect(column(revision, "token")).toMatchObject({ type: "uuid", default: "uuid_generate_v4()" });
    expect(column(revision, "sequenceNo")).toMatchObject({ type: "integer", serial: true, default: null });
    expect(column(revision, "counter")).toMatchObject({ type: "bigint", identity: "BY DEFAULT", default: null });
    expect(column(post, "id")).toMatchObject({ type: "bigint", serial: true });
    expect(column(table(result, "profile"), "id")).toMatchObject({ type: "integer", identity: "ALWAYS" });
    expect(result.model.extensions).toEqual([{ name: "uuid-ossp", schema: null }]);
  });

  it("shares one enum between columns that name it, and names the others <table>_<column>_enum", () => {
    expect(result.model.enums).toEqual([
      { schema: "public", name: "post_state_enum", values: ["draft", "live", "gone"] },
      { schema: "public", name: "user_priority_enum", values: ["1", "2"] },
      { schema: "public", name: "user_role", values: ["admin", "editor", "reader"] },
    ]);
    expect(column(user, "role").type).toBe(`"public"."user_role"`);
    expect(column(user, "extraRoles").type).toBe(`"public"."user_role"[]`);
    expect(column(post, "minRole").type).toBe(`"public"."user_role"`);
  });

  it("keeps generated expressions, collations and comments", () => {
    expect(column(user, "emailLower").generated).toBe(`lower("email")`);
    expect(column(user, "displayName")).toMatchObject({ collation: "C", comment: "shown publicly; it's sorted bytewise" });
    expect(user.comment).toBe("people who write and read");
  });

  it("names keys and constraints as TypeORM does", () => {
    expect(table(result, "post_revision").primaryKey).toEqual({ name: "PK_post_revision", columns: ["postId", "number"] });
    expect(user.primaryKey).toEqual({ name: "PK_cace4a159ff9f2512dd42373760", columns: ["id"] });
    expect(user.uniques).toEqual([{ name: "UQ_e12875dfb3b1d92d7d7c5377e22", columns: ["email"], deferrable: false, initiallyDeferred: false }]);
    expect(user.checks).toEqual([{ name: "CHK_user_karma", expression: `"karma" >= -100` }]);
    expect(post.uniques.map((u) => [u.name, u.columns])).toEqual([["UQ_post_author_slug", ["authorId", "slug"]]]);
    expect(table(result, "profile").uniques[0]?.name).toBe("REL_d752442f45f258a8bdefeebb2f");
  });

  it("orders index keys as declared, relation columns included", () => {
    const keys = (name: string) => post.indexes.find((i) => i.name === name)?.keys;
    expect(keys("IDX_post_published_author")).toEqual([{ column: "publishedAt" }, { column: "authorId" }]);
    expect(keys("IDX_8fed0fbe2098609b857d5b29d4")).toEqual([{ column: "authorId" }, { column: "publishedAt" }]);
    expect(keys("IDX_post_slug_score")).toEqual([{ column: "slug" }, { column: "score" }]);
    expect(post.indexes.find((i) => i.name === "IDX_post_search")?.method).toBe("gin");
    expect(post.indexes.find((i) => i.name === "IDX_post_published_partial")?.where).toBe(`"publishedAt" IS NOT NULL`);
  });

  it("reads FK actions and deferrability", () => {
    expect(post.foreignKeys).toEqual([
      { name: "FK_c6fb082a3114f35d0cc27c518e0", columns: ["authorId"], referencedTable: { schema: "public", name: "user" },
        referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION", deferrable: true, initiallyDeferred: true },
      { name: "FK_post_editor", columns: ["editor_id"], referencedTable: { schema: "public", name: "user" },
        referencedColumns: ["id"], onDelete: "SET NULL", onUpdate: "NO ACTION", deferrable: true, initiallyDeferred: false },
    ]);
  });

  it("adds ManyToMany junction tables with TypeORM's names", () => {
    const junction = table(result, "post_reader");
    expect(junction.columns.map((c) => [c.name, c.type])).toEqual([["post_id", "bigint"], ["reader_id", "uuid"]]);
    expect(junction.primaryKey?.columns).toEqual(["post_id", "reader_id"]);
    expect(junction.foreignKeys.map((f) => [f.referencedTable.name, f.onDelete, f.onUpdate])).toEqual([["post", "CASCADE", "CASCADE"], ["user", "CASCADE", "CASCADE"]]);
    expect(table(result, "post_tags_tag").indexes.map((i) => i.keys)).toEqual([[{ column: "postId" }], [{ column: "tagId" }]]);
  });
});

describe("trees fixture", async () => {
  const result = await read(trees.entities);
  it("adds closure junction tables, with custom names and columns", () => {
    expect(table(result, "category_closure").columns.map((c) => c.name)).toEqual(["id_ancestor", "id_descendant", "level"]);
    expect(table(result, "folder_tree_closure").primaryKey?.columns).toEqual(["ancestor_id", "descendant_id"]);
  });
  it("adds materialized-path and nested-set columns", () => {
    expect(column(table(result, "comment"), "mpath")).toMatchObject({ type: "character varying", default: "''", nullable: true });
    expect(column(table(result, "department"), "nsleft")).toMatchObject({ type: "integer", default: "'1'" });
    expect(column(table(result, "department"), "nsright")).toMatchObject({ type: "integer", default: "'2'" });
  });
});

describe("inheritance fixture", async () => {
  const result = await read(inheritance.entities);
  it("puts STI children's columns, uniques and indexes on the parent table, with the discriminator index", () => {
    expect(result.model.tables.map((t) => t.name)).toEqual(["content", "customer", "playlist"]);
    const content = table(result, "content");
    expect(content.columns.map((c) => c.name)).toEqual(["id", "createdAt", "title", "body", "wordCount", "duration", "url", "kind", "ownerId"]);
    expect(content.indexes.map((i) => i.keys)).toEqual([[{ column: "wordCount" }], [{ column: "kind" }]]);
    expect(content.uniques.map((u) => u.columns)).toEqual([["url"]]);
    expect(table(result, "playlist").foreignKeys[0]?.referencedTable).toEqual({ schema: "public", name: "content" });
  });
  it("flattens embedded columns with their prefixes", () => {
    expect(table(result, "customer").columns.map((c) => c.name)).toEqual([
      "id", "createdAt", "name", "billingStreet", "billingZip", "billingLocationLat", "billingLocationLng",
      "shipStreet", "shipZip", "shipLocationLat", "shipLocationLng", "lat", "lng",
    ]);
  });
  it("reads views and materialized views with their indexes", () => {
    expect(result.model.views.map((v) => [v.name, v.materialized, v.indexes.map((i) => i.name)])).toEqual([
      ["article_title", false, []], ["owner_totals", true, ["IDX_owner_totals_owner"]],
    ]);
    expect(result.model.views[0]?.definition).toBe(`SELECT "id", "title" FROM "content" WHERE "kind" = 'article'`);
  });
});

describe("schemas fixture", async () => {
  const result = await read(schemas.entities);
  it("places tables, enums and views in their schemas and lists those schemas", () => {
    expect(result.model.schemas).toEqual(["billing"]);
    expect(result.model.enums.map((e) => `${e.schema}.${e.name}`)).toEqual(["billing.billing_currency", "public.currency"]);
    expect(column(table(result, "discount", "billing"), "currency").type).toBe(`"billing"."billing_currency"`);
    expect(table(result, "invoice", "billing").foreignKeys[0]?.referencedTable).toEqual({ schema: "public", name: "account" });
    expect(table(result, "invoice_discount", "billing").foreignKeys.map((f) => f.referencedTable.schema)).toEqual(["billing", "billing"]);
    expect(result.model.views.map((v) => `${v.schema}.${v.name}`)).toEqual(["billing.open_invoice"]);
  });
  it("leaves synchronize:false entities out and reports them", () => {
    expect(result.model.tables.some((t) => t.name === "legacy_event")).toBe(false);
    expect(result.unmanaged).toEqual([{ schema: "audit", name: "legacy_event" }]);
  });
  it("lists the extensions synchronize installs, and the exclusion it creates", () => {
    expect(result.model.extensions.map((e) => e.name)).toEqual(["btree_gist", "citext", "cube", "hstore", "ltree", "uuid-ossp"]);
    expect(table(result, "booking", "billing").exclusions).toEqual([
      { name: "EXC_booking_overlap", definition: `USING gist ("room" WITH =, "during" WITH &&)` },
    ]);
  });
});

describe("phantoms fixture", async () => {
  const result = await read(phantoms.entities);
  const phantom = table(result, "phantom");
  it("keeps function defaults as written", () => {
    expect(column(phantom, "data").default).toBe("'{}'::jsonb");
    expect(column(phantom, "kind").default).toBe("'guest'::character varying");
    expect(column(phantom, "doubleColon").default).toBe("'a::b'");
    expect(column(phantom, "ratio").default).toBe("'1.5'");
    expect(column(phantom, "localAt").default).toBe("('now'::text)::timestamp without time zone");
    expect(column(phantom, "numbers").default).toBe("'{1,-2,3}'");
  });
});

describe("options and errors", () => {
  @Entity({ name: "opt_thing" })
  class OptThing {
    @PrimaryGeneratedColumn("uuid") id!: string;
    @Column({ type: "geometry", nullable: true }) shape?: string;
  }

  it("uses gen_random_uuid() and pgcrypto with uuidExtension pgcrypto, and detects postgis", async () => {
    const result = await read([OptThing], { dataSource: { uuidExtension: "pgcrypto" } });
    expect(column(table(result, "opt_thing"), "id").default).toBe("gen_random_uuid()");
    expect(result.model.extensions.map((e) => e.name)).toEqual(["pgcrypto", "postgis"]);
    const none = await read([OptThing], { dataSource: { installExtensions: false } });
    expect(none.model.extensions).toEqual([]);
  });

  it("turns an entity TypeORM rejects into one EntityError line naming it", async () => {
    @Entity()
    class BrokenThing {
      @PrimaryColumn() id!: number;
      @Column() payload!: object;
    }
    const error = await read([BrokenThing]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntityError);
    expect((error as Error).message).toMatch(/BrokenThing/);
    expect((error as Error).message).not.toMatch(/\n/);
  });
});
