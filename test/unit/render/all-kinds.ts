/** A revision's worth of ops covering every operation kind, with awkward names and before-state. */
import { collectOperations } from "../../../src/ops/operations";
import type { Operation, OperationKind } from "../../../src/ops/types";
import { postgres } from "../../../src/dialect";

/** Every kind once; the compiler fails this object when a kind is added and not listed. */
export const ALL_KINDS: Record<OperationKind, true> = {
  createSchema: true,
  dropSchema: true,
  createExtension: true,
  dropExtension: true,
  createEnum: true,
  dropEnum: true,
  addEnumValue: true,
  renameEnumValue: true,
  renameEnum: true,
  renameConstraint: true,
  renameIndex: true,
  renameSequence: true,
  recreateEnum: true,
  createTable: true,
  dropTable: true,
  renameTable: true,
  addColumn: true,
  dropColumn: true,
  renameColumn: true,
  alterColumn: true,
  createIndex: true,
  dropIndex: true,
  createPrimaryKey: true,
  validateConstraint: true,
  createUniqueConstraint: true,
  createForeignKey: true,
  createCheckConstraint: true,
  createExclusionConstraint: true,
  dropConstraint: true,
  setTableComment: true,
  setColumnComment: true,
  createView: true,
  dropView: true,
  execute: true,
  bulkInsert: true,
  backfill: true,
  insertTypeormMetadata: true,
  deleteTypeormMetadata: true,
};

const audit = { schema: "audit", name: "log" } as const;
/** Quotes, a backslash, a dollar-brace, a line break and a comment closer: all must stay inside their literals. */
const odd = 'we"ird\\ ${x} */ \n name';

export function allKindsOps(): Promise<Operation[]> {
  return collectOperations(async (op) => {
    await op.createSchema("audit", { ifNotExists: true });
    await op.createExtension("uuid-ossp", { schema: "public" });
    await op.createEnum("mood", ["happy", "it's ok", "sad"]);
    await op.addEnumValue("mood", "meh", {
      before: "sad",
      existingValues: ["happy", "it's ok", "sad"],
      usages: [{ table: "person", column: "mood", default: "'happy'::public.mood" }, { table: audit, column: "moods", array: true }],
    });
    await op.renameEnumValue("mood", "meh", "so-so");
    await op.recreateEnum({ schema: "audit", name: "level" }, ["low", "high"], {
      existingValues: ["low", "mid", "high"],
      usages: [{ table: audit, column: "level", default: "'mid'::audit.level", newDefault: "'low'::audit.level" }],
    });
    await op.createTable("person", {
      columns: [
        { name: "id", type: "uuid", primaryKey: true, default: "public.uuid_generate_v4()" },
        { name: "email", type: "character varying(255)", nullable: false, collation: "C" },
        { name: "mood", type: "public.mood", default: "'happy'::public.mood", comment: "how they feel" },
        { name: "n", type: "integer", identity: "BY DEFAULT" },
        { name: "seq", type: "bigint", serial: true },
        { name: "twice", type: "integer", generated: "(n * 2)" },
        { name: odd, type: "text" },
      ],
      uniques: [{ columns: ["email"] }, { name: "UQ_mood_n", columns: ["mood", "n"], initiallyDeferred: true }],
      checks: [{ name: "CHK_n", expression: "(n > 0)" }],
      foreignKeys: [{ name: "FK_self", columns: ["id"], references: "person", referencedColumns: ["id"], onDelete: "CASCADE", deferrable: true }],
      exclusions: [{ name: "EX_n", definition: "USING gist (n WITH =)" }],
      indexes: [
        { name: "IDX_email", keys: ["email"], unique: true, where: "(email IS NOT NULL)" },
        { name: "IDX_expr", keys: [{ expression: "lower((email)::text)", descending: true, nullsFirst: false }], method: "hash", include: ["n"] },
      ],
      comment: "people",
    });
    await op.createTable(audit, { columns: [{ name: "id", type: "bigint" }, { name: "level", type: "audit.level" }], primaryKey: { name: "PK_log", columns: ["id"] } });
    await op.dropTable({ schema: "audit", name: "old" }, { definition: { columns: [{ name: "a", type: "integer", nullable: false }, { name: "b", type: "integer", nullable: false }], primaryKey: ["b", "a"] } });
    await op.renameTable("person", "human");
    await op.addColumn("human", { name: "phone", type: "character varying(20)", nullable: false, default: "''::character varying" });
    await op.dropColumn("human", "notes", { existing: { name: "notes", type: "text", comment: "free text" } });
    await op.renameColumn("human", "phone", "telephone");
    await op.renameEnum({ schema: "audit", name: "level" }, "audit level");
    await op.renameConstraint("human", "UQ_mood_n", "UQ_human_mood_n");
    await op.renameIndex("human", "IDX_expr", 'IDX "expr"');
    await op.renameSequence("human_n_seq", "human_num_seq");
    await op.alterColumn("human", "n", { type: "bigint", existingType: "integer", using: "n::bigint", reverseUsing: "n::integer", nullable: false, existingNullable: true });
    await op.alterColumn("human", "email", { collation: null, existingCollation: "C", existingType: "character varying(255)" });
    await op.alterColumn("human", "mood", { default: null, existingDefault: "'happy'::public.mood", comment: "mood", existingComment: null });
    await op.alterColumn("human", "twice", { generated: null, existingGenerated: "(n * 2)", identity: null, existingIdentity: null });
    await op.createIndex(audit, "IDX_level", ["level", { column: "id", descending: true }], { concurrently: true, ifNotExists: true });
    await op.dropIndex("human", "IDX_old", { ifExists: true, definition: { keys: ["email"], unique: true, method: "gin" } });
    await op.createPrimaryKey("human", "human_pkey", ["id"]);
    await op.createUniqueConstraint("human", "UQ_phone", ["telephone"], { deferrable: true });
    await op.createForeignKey(audit, "FK_log_human", ["id"], "human", ["n"], { onUpdate: "SET NULL", initiallyDeferred: true });
    await op.createCheckConstraint("human", "CHK_phone", "(length((telephone)::text) > 3)");
    await op.createCheckConstraint("human", "CHK_n_positive", "(n > 0)", { notValid: true });
    await op.validateConstraint("human", "CHK_n_positive");
    await op.createExclusionConstraint("human", "EX_phone", "USING gist (telephone WITH =)");
    await op.dropConstraint("human", "FK_gone", {
      definition: {
        type: "foreignKey",
        foreignKey: { name: "FK_gone", columns: ["id"], referencedTable: { schema: "audit", name: "log" }, referencedColumns: ["id"], onDelete: "RESTRICT", onUpdate: "NO ACTION", deferrable: false, initiallyDeferred: false },
      },
    });
    await op.dropConstraint("human", "UQ_gone", { definition: { type: "unique", unique: { name: "UQ_gone", columns: ["n"], deferrable: false, initiallyDeferred: false } } });
    await op.dropConstraint("human", "CHK_gone", { definition: { type: "check", check: { name: "CHK_gone", expression: "(n <> 7)" } } });
    await op.setTableComment("human", "humans", { existingComment: "people" });
    await op.setColumnComment("human", odd, null, { existingComment: "odd" });
    await op.createView({ schema: "audit", name: "recent" }, "SELECT id FROM audit.log", { materialized: true, indexes: [{ name: "IDX_recent", keys: ["id"] }] });
    await op.dropView("old_view", { definition: " SELECT 1 AS one;\n", indexes: [] });
    await op.execute("UPDATE human SET telephone = $1 WHERE n = $2", ["+1 555", 42]);
    await op.bulkInsert("human", [{ id: "00000000-0000-0000-0000-000000000001", telephone: "1234", mood: null, "odd key": true }]);
    await op.backfill("human", {
      set: { telephone: odd, mood: op.sql`coalesce(mood, ${"it's ok"}::mood)`, "odd key": op.sql`'\`' || ${op.sql`'\${x}'`} || '\\\n'` },
      where: op.sql`n > ${5}`,
      batchSize: 500,
    });
    await op.insertTypeormMetadata([
      { type: "VIEW", schema: "audit", name: "recent", value: "SELECT id FROM audit.log" },
      { type: "GENERATED_COLUMN", schema: "public", table: "human", name: odd, value: "(n * 2)" },
    ]);
    await op.deleteTypeormMetadata([{ type: "MATERIALIZED_VIEW", schema: "public", name: "old_view", value: " SELECT 1 AS one;\n" }], { table: { schema: "app", name: "orm_meta" } });
    await op.dropEnum({ schema: "audit", name: "unused" }, { values: ["x"] });
    await op.dropExtension("pg_trgm", { ifExists: true });
    await op.dropSchema("legacy", { cascade: true });
  }, postgres.types);
}
