/**
 * issue watchers, estimates and tags; invoices; activity feed
 *
 * Revision ID: 44773a26c90a
 * Revises: 467af1be7f84
 * Create Date: 2026-11-21 14:27:28 UTC
 */
import type { Operations } from "typeorm-migrator";

export const revision = "44773a26c90a";
export const downRevision: string | string[] | null = "467af1be7f84";
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  // enum "issue_priority"
  await op.addEnumValue("issue_priority", "urgent", {
    after: "high",
    existingValues: ["low", "medium", "high"],
    usages: [
      {
        table: "issue",
        column: "priority",
        default: "'medium'::public.issue_priority",
        newDefault: "'medium'::public.issue_priority",
      },
    ],
  });

  // table "issue"
  await op.renameColumn("issue", "keywords", "tags");
  await op.addColumn("issue", { name: "estimate", type: "smallint", comment: "story points" });
  await op.setColumnComment("issue", "tags", "free-form tags, for search", {
    existingComment: "free-form keywords, for search",
  });
  await op.createCheckConstraint(
    "issue",
    "CHK_issue_estimate_range",
    "((estimate >= 0) AND (estimate <= 100))",
  );
  await op.createIndex("issue", "IDX_issue_open_by_assignee", ["assignee_id"], {
    where: "(status <> 'done'::public.issue_status)",
  });

  // table "label"
  await op.alterColumn("label", "color", {
    default: "'#6b7280'::bpchar",
    existingDefault: "'#888888'::bpchar",
  });

  // table "project"
  await op.alterColumn("project", "name", {
    type: "character varying(120)",
    existingType: "character varying(80)",
  });

  // table "billing"."invoice"
  await op.createTable({ schema: "billing", name: "invoice" }, {
    columns: [
      { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
      {
        name: "number",
        type: "character varying(20)",
        nullable: false,
        comment: "printed on the invoice, e.g. 2026-000123",
      },
      { name: "amount_cents", type: "integer", nullable: false },
      { name: "currency", type: "character(3)", nullable: false, default: "'EUR'::bpchar", comment: "ISO 4217 code" },
      { name: "issued_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "due_at", type: "timestamp with time zone", nullable: false },
      { name: "paid_at", type: "timestamp with time zone" },
      { name: "subscription_id", type: "uuid", nullable: false },
    ],
    primaryKey: { name: "PK_15d25c200d9bcd8a33f698daf18", columns: ["id"] },
    uniques: [{ name: "UQ_60284980bc8b9c624459948f4ac", columns: ["number"] }],
    checks: [{ name: "CHK_invoice_amount_not_negative", expression: "(amount_cents >= 0)" }],
    foreignKeys: [
      {
        name: "FK_5d9508325a862b5b3c7c819de3e",
        columns: ["subscription_id"],
        references: { schema: "billing", name: "subscription" },
        referencedColumns: ["id"],
        onDelete: "RESTRICT",
      },
    ],
    indexes: [
      {
        name: "IDX_invoice_unpaid",
        keys: ["subscription_id", "due_at"],
        where: "(paid_at IS NULL)",
      },
    ],
  });

  // table "activity_event"
  await op.createTable("activity_event", {
    columns: [
      { name: "id", type: "bigint", identity: "ALWAYS" },
      { name: "kind", type: "character varying(40)", nullable: false, comment: "e.g. issue.created, member.joined" },
      { name: "payload", type: "jsonb", nullable: false, default: "'{}'::jsonb" },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "workspace_id", type: "uuid", nullable: false },
      { name: "actor_id", type: "uuid" },
    ],
    primaryKey: { name: "PK_c2c1e9fdda754a6bf7f664d7e04", columns: ["id"] },
    foreignKeys: [
      {
        name: "FK_4a799740e31a0f0194fad861213",
        columns: ["workspace_id"],
        references: "workspace",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
      },
      {
        name: "FK_6766f8acb6adfe4528557112ff9",
        columns: ["actor_id"],
        references: "user",
        referencedColumns: ["id"],
        onDelete: "SET NULL",
      },
    ],
    indexes: [
      { name: "IDX_activity_event_workspace_created", keys: ["workspace_id", "created_at"] },
    ],
    comment: "append-only feed of what happened in a workspace",
  });

  // table "issue_watcher"
  await op.createTable("issue_watcher", {
    columns: [
      { name: "issue_id", type: "bigint" },
      { name: "user_id", type: "uuid" },
    ],
    primaryKey: { name: "PK_3343c4474588e91dd2ac4d3ea05", columns: ["issue_id", "user_id"] },
    foreignKeys: [
      {
        name: "FK_74f7d81bea9dc10baba2eafdaaf",
        columns: ["issue_id"],
        references: "issue",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
      {
        name: "FK_ceea6ef4e5b62c02bb3679e022d",
        columns: ["user_id"],
        references: "user",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
      },
    ],
    indexes: [
      { name: "IDX_74f7d81bea9dc10baba2eafdaa", keys: ["issue_id"] },
      { name: "IDX_ceea6ef4e5b62c02bb3679e022", keys: ["user_id"] },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  // table "issue_watcher"
  // destructive: drops table "public"."issue_watcher" and all its rows
  await op.dropTable("issue_watcher", {
    definition: {
      columns: [
        { name: "issue_id", type: "bigint" },
        { name: "user_id", type: "uuid" },
      ],
      primaryKey: { name: "PK_3343c4474588e91dd2ac4d3ea05", columns: ["issue_id", "user_id"] },
      foreignKeys: [
        {
          name: "FK_74f7d81bea9dc10baba2eafdaaf",
          columns: ["issue_id"],
          references: "issue",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
          onUpdate: "CASCADE",
        },
        {
          name: "FK_ceea6ef4e5b62c02bb3679e022d",
          columns: ["user_id"],
          references: "user",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
          onUpdate: "CASCADE",
        },
      ],
      indexes: [
        { name: "IDX_74f7d81bea9dc10baba2eafdaa", keys: ["issue_id"] },
        { name: "IDX_ceea6ef4e5b62c02bb3679e022", keys: ["user_id"] },
      ],
    },
  });

  // table "activity_event"
  // destructive: drops table "public"."activity_event" and all its rows
  await op.dropTable("activity_event", {
    definition: {
      columns: [
        { name: "id", type: "bigint", identity: "ALWAYS" },
        { name: "kind", type: "character varying(40)", nullable: false, comment: "e.g. issue.created, member.joined" },
        { name: "payload", type: "jsonb", nullable: false, default: "'{}'::jsonb" },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "workspace_id", type: "uuid", nullable: false },
        { name: "actor_id", type: "uuid" },
      ],
      primaryKey: { name: "PK_c2c1e9fdda754a6bf7f664d7e04", columns: ["id"] },
      foreignKeys: [
        {
          name: "FK_4a799740e31a0f0194fad861213",
          columns: ["workspace_id"],
          references: "workspace",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
        },
        {
          name: "FK_6766f8acb6adfe4528557112ff9",
          columns: ["actor_id"],
          references: "user",
          referencedColumns: ["id"],
          onDelete: "SET NULL",
        },
      ],
      indexes: [
        { name: "IDX_activity_event_workspace_created", keys: ["workspace_id", "created_at"] },
      ],
      comment: "append-only feed of what happened in a workspace",
    },
  });

  // table "billing"."invoice"
  // destructive: drops table "billing"."invoice" and all its rows
  await op.dropTable({ schema: "billing", name: "invoice" }, {
    definition: {
      columns: [
        { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
        {
          name: "number",
          type: "character varying(20)",
          nullable: false,
          comment: "printed on the invoice, e.g. 2026-000123",
        },
        { name: "amount_cents", type: "integer", nullable: false },
        { name: "currency", type: "character(3)", nullable: false, default: "'EUR'::bpchar", comment: "ISO 4217 code" },
        { name: "issued_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "due_at", type: "timestamp with time zone", nullable: false },
        { name: "paid_at", type: "timestamp with time zone" },
        { name: "subscription_id", type: "uuid", nullable: false },
      ],
      primaryKey: { name: "PK_15d25c200d9bcd8a33f698daf18", columns: ["id"] },
      uniques: [{ name: "UQ_60284980bc8b9c624459948f4ac", columns: ["number"] }],
      checks: [{ name: "CHK_invoice_amount_not_negative", expression: "(amount_cents >= 0)" }],
      foreignKeys: [
        {
          name: "FK_5d9508325a862b5b3c7c819de3e",
          columns: ["subscription_id"],
          references: { schema: "billing", name: "subscription" },
          referencedColumns: ["id"],
          onDelete: "RESTRICT",
        },
      ],
      indexes: [
        {
          name: "IDX_invoice_unpaid",
          keys: ["subscription_id", "due_at"],
          where: "(paid_at IS NULL)",
        },
      ],
    },
  });

  // table "project"
  await op.alterColumn("project", "name", {
    type: "character varying(80)",
    existingType: "character varying(120)",
  });

  // table "label"
  await op.alterColumn("label", "color", {
    default: "'#888888'::bpchar",
    existingDefault: "'#6b7280'::bpchar",
  });

  // table "issue"
  await op.dropIndex("issue", "IDX_issue_open_by_assignee", {
    definition: { keys: ["assignee_id"], where: "(status <> 'done'::public.issue_status)" },
  });
  await op.dropConstraint("issue", "CHK_issue_estimate_range", {
    definition: {
      type: "check",
      check: {
        name: "CHK_issue_estimate_range",
        expression: "((estimate >= 0) AND (estimate <= 100))",
      },
    },
  });
  await op.setColumnComment("issue", "tags", "free-form keywords, for search", {
    existingComment: "free-form tags, for search",
  });
  // destructive: drops column "public"."issue"."estimate" and its values
  await op.dropColumn("issue", "estimate", {
    existing: { name: "estimate", type: "smallint", comment: "story points" },
  });
  await op.renameColumn("issue", "tags", "keywords");

  // enum "issue_priority"
  // destructive: removes 'urgent' from enum "public"."issue_priority"; rows holding them fail to convert
  await op.recreateEnum("issue_priority", ["low", "medium", "high"], {
    existingValues: ["low", "medium", "high", "urgent"],
    usages: [
      {
        table: "issue",
        column: "priority",
        default: "'medium'::public.issue_priority",
        newDefault: "'medium'::public.issue_priority",
      },
    ],
  });
}
