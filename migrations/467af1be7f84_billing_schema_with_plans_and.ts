/**
 * billing schema with plans and subscriptions; invitations; issue due dates and review status
 *
 * Revision ID: 467af1be7f84
 * Revises: f0e259b6e336
 * Create Date: 2026-11-21 14:25:25 UTC
 */
import type { Operations } from "typeorm-migrator";

export const revision = "467af1be7f84";
export const downRevision: string | string[] | null = "f0e259b6e336";
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  // schema "billing"
  await op.createSchema("billing");

  // enum "billing"."subscription_status"
  await op.createEnum({ schema: "billing", name: "subscription_status" }, [
    "trialing",
    "active",
    "past_due",
    "canceled",
  ]);

  // enum "issue_status"
  await op.addEnumValue("issue_status", "in_review", {
    after: "in_progress",
    existingValues: ["open", "in_progress", "done"],
    usages: [
      {
        table: "issue",
        column: "status",
        default: "'open'::public.issue_status",
        newDefault: "'open'::public.issue_status",
      },
    ],
  });

  // table "issue"
  await op.addColumn("issue", { name: "due_on", type: "date" });

  // table "billing"."plan"
  await op.createTable({ schema: "billing", name: "plan" }, {
    columns: [
      { name: "id", type: "integer", identity: "BY DEFAULT" },
      {
        name: "code",
        type: "character varying(30)",
        nullable: false,
        comment: "stable identifier used by the payment provider",
      },
      { name: "name", type: "character varying(80)", nullable: false },
      {
        name: "monthly_price_cents",
        type: "integer",
        nullable: false,
        comment: "in the smallest unit of the currency",
      },
      {
        name: "features",
        type: "text[]",
        nullable: false,
        default: "'{}'::text[]",
        comment: "feature flags the plan unlocks",
      },
      {
        name: "limits",
        type: "jsonb",
        nullable: false,
        default: "'{\"members\": 5, \"projects\": 3}'::jsonb",
        comment: "usage limits; a missing key means unlimited",
      },
      {
        name: "active",
        type: "boolean",
        nullable: false,
        default: "true",
        comment: "false hides the plan from new subscriptions",
      },
    ],
    primaryKey: { name: "PK_54a2b686aed3b637654bf7ddbb3", columns: ["id"] },
    uniques: [{ name: "UQ_e405cbb23fb08931a48ad8c2bdb", columns: ["code"] }],
    checks: [{ name: "CHK_plan_price_not_negative", expression: "(monthly_price_cents >= 0)" }],
    comment: "subscription plans offered for sale",
  });

  // table "billing"."subscription"
  await op.createTable({ schema: "billing", name: "subscription" }, {
    columns: [
      { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
      {
        name: "status",
        type: "billing.subscription_status",
        nullable: false,
        default: "'trialing'::billing.subscription_status",
      },
      { name: "current_period_start", type: "timestamp with time zone", nullable: false },
      { name: "current_period_end", type: "timestamp with time zone", nullable: false },
      { name: "canceled_at", type: "timestamp with time zone" },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "workspace_id", type: "uuid", nullable: false },
      { name: "plan_id", type: "integer", nullable: false },
    ],
    primaryKey: { name: "PK_8c3e00ebd02103caa1174cd5d9d", columns: ["id"] },
    foreignKeys: [
      {
        name: "FK_6026acc5aa817269a5f74635264",
        columns: ["workspace_id"],
        references: "workspace",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
      },
    ],
    indexes: [{ name: "IDX_subscription_workspace_status", keys: ["workspace_id", "status"] }],
  });

  // table "invitation"
  await op.createTable("invitation", {
    columns: [
      { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
      { name: "email", type: "character varying(254)", nullable: false },
      { name: "role", type: "public.member_role", nullable: false, default: "'member'::public.member_role" },
      { name: "expires_at", type: "timestamp with time zone", nullable: false },
      { name: "accepted_at", type: "timestamp with time zone" },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "workspace_id", type: "uuid", nullable: false },
      { name: "invited_by_id", type: "uuid", nullable: false },
    ],
    primaryKey: { name: "PK_beb994737756c0f18a1c1f8669c", columns: ["id"] },
    foreignKeys: [
      {
        name: "FK_2fd4dd7b20dfbda65736f415269",
        columns: ["workspace_id"],
        references: "workspace",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
      },
      {
        name: "FK_9fcebfddfa4369ac0e3c26dc8a3",
        columns: ["invited_by_id"],
        references: "user",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
      },
    ],
    indexes: [
      {
        name: "UQ_invitation_open_per_email",
        keys: ["workspace_id", "email"],
        unique: true,
        where: "(accepted_at IS NULL)",
      },
    ],
  });

  // table "billing"."subscription"
  await op.createForeignKey(
    { schema: "billing", name: "subscription" },
    "FK_5fde988e5d9b9a522d70ebec27c",
    ["plan_id"],
    { schema: "billing", name: "plan" },
    ["id"],
    { onDelete: "RESTRICT" },
  );
}

export async function downgrade(op: Operations): Promise<void> {
  // table "billing"."subscription"
  await op.dropConstraint(
    { schema: "billing", name: "subscription" },
    "FK_5fde988e5d9b9a522d70ebec27c",
    {
      definition: {
        type: "foreignKey",
        foreignKey: {
          name: "FK_5fde988e5d9b9a522d70ebec27c",
          columns: ["plan_id"],
          referencedTable: { schema: "billing", name: "plan" },
          referencedColumns: ["id"],
          onDelete: "RESTRICT",
          onUpdate: "NO ACTION",
          deferrable: false,
          initiallyDeferred: false,
        },
      },
    },
  );

  // table "invitation"
  // destructive: drops table "public"."invitation" and all its rows
  await op.dropTable("invitation", {
    definition: {
      columns: [
        { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
        { name: "email", type: "character varying(254)", nullable: false },
        { name: "role", type: "public.member_role", nullable: false, default: "'member'::public.member_role" },
        { name: "expires_at", type: "timestamp with time zone", nullable: false },
        { name: "accepted_at", type: "timestamp with time zone" },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "workspace_id", type: "uuid", nullable: false },
        { name: "invited_by_id", type: "uuid", nullable: false },
      ],
      primaryKey: { name: "PK_beb994737756c0f18a1c1f8669c", columns: ["id"] },
      foreignKeys: [
        {
          name: "FK_2fd4dd7b20dfbda65736f415269",
          columns: ["workspace_id"],
          references: "workspace",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
        },
        {
          name: "FK_9fcebfddfa4369ac0e3c26dc8a3",
          columns: ["invited_by_id"],
          references: "user",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
        },
      ],
      indexes: [
        {
          name: "UQ_invitation_open_per_email",
          keys: ["workspace_id", "email"],
          unique: true,
          where: "(accepted_at IS NULL)",
        },
      ],
    },
  });

  // table "billing"."subscription"
  // destructive: drops table "billing"."subscription" and all its rows
  await op.dropTable({ schema: "billing", name: "subscription" }, {
    definition: {
      columns: [
        { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
        {
          name: "status",
          type: "billing.subscription_status",
          nullable: false,
          default: "'trialing'::billing.subscription_status",
        },
        { name: "current_period_start", type: "timestamp with time zone", nullable: false },
        { name: "current_period_end", type: "timestamp with time zone", nullable: false },
        { name: "canceled_at", type: "timestamp with time zone" },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "workspace_id", type: "uuid", nullable: false },
        { name: "plan_id", type: "integer", nullable: false },
      ],
      primaryKey: { name: "PK_8c3e00ebd02103caa1174cd5d9d", columns: ["id"] },
      foreignKeys: [
        {
          name: "FK_6026acc5aa817269a5f74635264",
          columns: ["workspace_id"],
          references: "workspace",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
        },
      ],
      indexes: [{ name: "IDX_subscription_workspace_status", keys: ["workspace_id", "status"] }],
    },
  });

  // table "billing"."plan"
  // destructive: drops table "billing"."plan" and all its rows
  await op.dropTable({ schema: "billing", name: "plan" }, {
    definition: {
      columns: [
        { name: "id", type: "integer", identity: "BY DEFAULT" },
        {
          name: "code",
          type: "character varying(30)",
          nullable: false,
          comment: "stable identifier used by the payment provider",
        },
        { name: "name", type: "character varying(80)", nullable: false },
        {
          name: "monthly_price_cents",
          type: "integer",
          nullable: false,
          comment: "in the smallest unit of the currency",
        },
        {
          name: "features",
          type: "text[]",
          nullable: false,
          default: "'{}'::text[]",
          comment: "feature flags the plan unlocks",
        },
        {
          name: "limits",
          type: "jsonb",
          nullable: false,
          default: "'{\"members\": 5, \"projects\": 3}'::jsonb",
          comment: "usage limits; a missing key means unlimited",
        },
        {
          name: "active",
          type: "boolean",
          nullable: false,
          default: "true",
          comment: "false hides the plan from new subscriptions",
        },
      ],
      primaryKey: { name: "PK_54a2b686aed3b637654bf7ddbb3", columns: ["id"] },
      uniques: [{ name: "UQ_e405cbb23fb08931a48ad8c2bdb", columns: ["code"] }],
      checks: [{ name: "CHK_plan_price_not_negative", expression: "(monthly_price_cents >= 0)" }],
      comment: "subscription plans offered for sale",
    },
  });

  // table "issue"
  // destructive: drops column "public"."issue"."due_on" and its values
  await op.dropColumn("issue", "due_on", { existing: { name: "due_on", type: "date" } });

  // enum "issue_status"
  // destructive: removes 'in_review' from enum "public"."issue_status"; rows holding them fail to convert
  await op.recreateEnum("issue_status", ["open", "in_progress", "done"], {
    existingValues: ["open", "in_progress", "in_review", "done"],
    usages: [
      {
        table: "issue",
        column: "status",
        default: "'open'::public.issue_status",
        newDefault: "'open'::public.issue_status",
      },
    ],
  });

  // enum "billing"."subscription_status"
  await op.dropEnum({ schema: "billing", name: "subscription_status" }, {
    values: ["trialing", "active", "past_due", "canceled"],
  });

  // schema "billing"
  await op.dropSchema("billing");
}
