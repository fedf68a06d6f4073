/**
 * workspaces, users, projects, issues, labels and threaded comments
 *
 * Revision ID: f0e259b6e336
 * Revises:
 * Create Date: 2026-11-21 14:24:00 UTC
 */
import type { Operations } from "typeorm-migrator";

export const revision = "f0e259b6e336";
export const downRevision: string | string[] | null = null;
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  // extension "uuid-ossp"
  await op.createExtension("uuid-ossp", { schema: "public" });

  // enum "issue_priority"
  await op.createEnum("issue_priority", ["low", "medium", "high"]);

  // enum "issue_status"
  await op.createEnum("issue_status", ["open", "in_progress", "done"]);

  // enum "member_role"
  await op.createEnum("member_role", ["owner", "admin", "member", "guest"]);

  // table "comment"
  await op.createTable("comment", {
    columns: [
      { name: "id", type: "bigint", identity: "BY DEFAULT" },
      { name: "body", type: "text", nullable: false },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "mpath", type: "character varying", default: "''::character varying" },
      { name: "issue_id", type: "bigint", nullable: false },
      { name: "author_id", type: "uuid", nullable: false },
      { name: "parent_id", type: "bigint" },
    ],
    primaryKey: { name: "PK_0b0e4bbc8415ec426f87f3a88e2", columns: ["id"] },
    foreignKeys: [
      {
        name: "FK_8bd8d0985c0d077c8129fb4a209",
        columns: ["parent_id"],
        references: "comment",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
      },
    ],
  });

  // table "issue"
  await op.createTable("issue", {
    columns: [
      { name: "id", type: "bigint", identity: "BY DEFAULT" },
      { name: "number", type: "integer", nullable: false, comment: "sequence within the project" },
      { name: "title", type: "character varying(200)", nullable: false },
      { name: "body", type: "text", nullable: false, default: "''::text" },
      { name: "status", type: "public.issue_status", nullable: false, default: "'open'::public.issue_status" },
      { name: "priority", type: "public.issue_priority", nullable: false, default: "'medium'::public.issue_priority" },
      {
        name: "keywords",
        type: "text[]",
        nullable: false,
        default: "'{}'::text[]",
        comment: "free-form keywords, for search",
      },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "project_id", type: "integer", nullable: false },
      { name: "reporter_id", type: "uuid", nullable: false },
      { name: "assignee_id", type: "uuid" },
    ],
    primaryKey: { name: "PK_f80e086c249b9f3f3ff2fd321b7", columns: ["id"] },
    indexes: [
      { name: "IDX_issue_project_status", keys: ["project_id", "status"] },
      { name: "UQ_issue_project_number", keys: ["project_id", "number"], unique: true },
    ],
    comment: "work items; (project_id, number) is what users see, e.g. ENG-42",
  });

  // table "issue_label"
  await op.createTable("issue_label", {
    columns: [
      { name: "issue_id", type: "bigint" },
      { name: "label_id", type: "integer" },
    ],
    primaryKey: { name: "PK_a57a7ae887a3c03b35ac23c0b12", columns: ["issue_id", "label_id"] },
    indexes: [
      { name: "IDX_5931f332134620084738542876", keys: ["issue_id"] },
      { name: "IDX_6d548a1fd2cee0b1af5a204d6a", keys: ["label_id"] },
    ],
  });

  // table "label"
  await op.createTable("label", {
    columns: [
      { name: "id", type: "integer", identity: "BY DEFAULT" },
      { name: "name", type: "character varying(40)", nullable: false },
      {
        name: "color",
        type: "character(7)",
        nullable: false,
        default: "'#888888'::bpchar",
        comment: "hex colour, #rrggbb",
      },
      { name: "workspace_id", type: "uuid", nullable: false },
    ],
    primaryKey: { name: "PK_5692ac5348861d3776eb5843672", columns: ["id"] },
    checks: [{ name: "CHK_label_color", expression: "(color ~ '^#[0-9a-f]{6}$'::text)" }],
    indexes: [{ name: "UQ_label_workspace_name", keys: ["workspace_id", "name"], unique: true }],
  });

  // table "membership"
  await op.createTable("membership", {
    columns: [
      { name: "workspace_id", type: "uuid" },
      { name: "user_id", type: "uuid" },
      { name: "role", type: "public.member_role", nullable: false, default: "'member'::public.member_role" },
      { name: "joined_at", type: "timestamp with time zone", nullable: false, default: "now()" },
    ],
    primaryKey: { name: "PK_c812b1092cf66d72ddac549a6b4", columns: ["workspace_id", "user_id"] },
  });

  // table "project"
  await op.createTable("project", {
    columns: [
      { name: "id", type: "integer", identity: "BY DEFAULT" },
      {
        name: "key",
        type: "character varying(10)",
        nullable: false,
        comment: "upper-case prefix of issue numbers, unique in the workspace",
      },
      { name: "name", type: "character varying(80)", nullable: false },
      { name: "description", type: "text" },
      { name: "archived_at", type: "timestamp with time zone" },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "workspace_id", type: "uuid", nullable: false },
    ],
    primaryKey: { name: "PK_4d68b1358bb5b766d3e78f32f57", columns: ["id"] },
    checks: [
      {
        name: "CHK_project_key_format",
        expression: "((key)::text ~ '^[A-Z][A-Z0-9]{1,9}$'::text)",
      },
    ],
    indexes: [{ name: "UQ_project_workspace_key", keys: ["workspace_id", "key"], unique: true }],
  });

  // table "user"
  await op.createTable("user", {
    columns: [
      { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
      { name: "email", type: "character varying(254)", nullable: false },
      { name: "display_name", type: "character varying(80)", nullable: false },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
    ],
    primaryKey: { name: "PK_cace4a159ff9f2512dd42373760", columns: ["id"] },
    uniques: [{ name: "UQ_e12875dfb3b1d92d7d7c5377e22", columns: ["email"] }],
    comment: "people who can sign in",
  });

  // table "workspace"
  await op.createTable("workspace", {
    columns: [
      { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
      {
        name: "slug",
        type: "character varying(40)",
        nullable: false,
        comment: "used in URLs; lower case, digits and dashes",
      },
      { name: "name", type: "character varying(120)", nullable: false },
      {
        name: "settings",
        type: "jsonb",
        nullable: false,
        default: "'{}'::jsonb",
        comment: "UI preferences; unknown keys are kept",
      },
      { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
    ],
    primaryKey: { name: "PK_ca86b6f9b3be5fe26d307d09b49", columns: ["id"] },
    uniques: [{ name: "UQ_0d706c438a9b1ae0ac9806a201a", columns: ["slug"] }],
    comment: "a team's space: projects, members, billing",
  });

  // table "comment"
  await op.createForeignKey(
    "comment",
    "FK_3ce66469b26697baa097f8da923",
    ["author_id"],
    "user",
    ["id"],
    { onDelete: "RESTRICT" },
  );
  await op.createForeignKey(
    "comment",
    "FK_e3b46db0c981b55d38acd710532",
    ["issue_id"],
    "issue",
    ["id"],
    { onDelete: "CASCADE" },
  );

  // table "issue"
  await op.createForeignKey(
    "issue",
    "FK_441aa138f6eff35a6835c4b0101",
    ["assignee_id"],
    "user",
    ["id"],
    { onDelete: "SET NULL" },
  );
  await op.createForeignKey(
    "issue",
    "FK_c5c1ee47a932087585aab345d4c",
    ["project_id"],
    "project",
    ["id"],
    { onDelete: "CASCADE" },
  );
  await op.createForeignKey(
    "issue",
    "FK_dfafea66d223581bba16f96c72f",
    ["reporter_id"],
    "user",
    ["id"],
    { onDelete: "RESTRICT" },
  );

  // table "issue_label"
  await op.createForeignKey(
    "issue_label",
    "FK_5931f3321346200847385428766",
    ["issue_id"],
    "issue",
    ["id"],
    { onDelete: "CASCADE", onUpdate: "CASCADE" },
  );
  await op.createForeignKey(
    "issue_label",
    "FK_6d548a1fd2cee0b1af5a204d6a1",
    ["label_id"],
    "label",
    ["id"],
    { onDelete: "CASCADE", onUpdate: "CASCADE" },
  );

  // table "label"
  await op.createForeignKey(
    "label",
    "FK_5b47d99f48467141a5bc1fd0861",
    ["workspace_id"],
    "workspace",
    ["id"],
    { onDelete: "CASCADE" },
  );

  // table "membership"
  await op.createForeignKey(
    "membership",
    "FK_2d427c9fcee4242d77174a9fccd",
    ["workspace_id"],
    "workspace",
    ["id"],
    { onDelete: "CASCADE" },
  );
  await op.createForeignKey(
    "membership",
    "FK_e9c72e8d29784031c96f5c6af8d",
    ["user_id"],
    "user",
    ["id"],
    { onDelete: "CASCADE" },
  );

  // table "project"
  await op.createForeignKey(
    "project",
    "FK_5cb157e3d3ab8abd16251129dba",
    ["workspace_id"],
    "workspace",
    ["id"],
    { onDelete: "CASCADE" },
  );
}

export async function downgrade(op: Operations): Promise<void> {
  // table "project"
  await op.dropConstraint("project", "FK_5cb157e3d3ab8abd16251129dba", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_5cb157e3d3ab8abd16251129dba",
        columns: ["workspace_id"],
        referencedTable: { schema: "public", name: "workspace" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });

  // table "membership"
  await op.dropConstraint("membership", "FK_e9c72e8d29784031c96f5c6af8d", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_e9c72e8d29784031c96f5c6af8d",
        columns: ["user_id"],
        referencedTable: { schema: "public", name: "user" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });
  await op.dropConstraint("membership", "FK_2d427c9fcee4242d77174a9fccd", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_2d427c9fcee4242d77174a9fccd",
        columns: ["workspace_id"],
        referencedTable: { schema: "public", name: "workspace" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });

  // table "label"
  await op.dropConstraint("label", "FK_5b47d99f48467141a5bc1fd0861", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_5b47d99f48467141a5bc1fd0861",
        columns: ["workspace_id"],
        referencedTable: { schema: "public", name: "workspace" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });

  // table "issue_label"
  await op.dropConstraint("issue_label", "FK_6d548a1fd2cee0b1af5a204d6a1", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_6d548a1fd2cee0b1af5a204d6a1",
        columns: ["label_id"],
        referencedTable: { schema: "public", name: "label" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });
  await op.dropConstraint("issue_label", "FK_5931f3321346200847385428766", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_5931f3321346200847385428766",
        columns: ["issue_id"],
        referencedTable: { schema: "public", name: "issue" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "CASCADE",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });

  // table "issue"
  await op.dropConstraint("issue", "FK_dfafea66d223581bba16f96c72f", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_dfafea66d223581bba16f96c72f",
        columns: ["reporter_id"],
        referencedTable: { schema: "public", name: "user" },
        referencedColumns: ["id"],
        onDelete: "RESTRICT",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });
  await op.dropConstraint("issue", "FK_c5c1ee47a932087585aab345d4c", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_c5c1ee47a932087585aab345d4c",
        columns: ["project_id"],
        referencedTable: { schema: "public", name: "project" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });
  await op.dropConstraint("issue", "FK_441aa138f6eff35a6835c4b0101", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_441aa138f6eff35a6835c4b0101",
        columns: ["assignee_id"],
        referencedTable: { schema: "public", name: "user" },
        referencedColumns: ["id"],
        onDelete: "SET NULL",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });

  // table "comment"
  await op.dropConstraint("comment", "FK_e3b46db0c981b55d38acd710532", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_e3b46db0c981b55d38acd710532",
        columns: ["issue_id"],
        referencedTable: { schema: "public", name: "issue" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });
  await op.dropConstraint("comment", "FK_3ce66469b26697baa097f8da923", {
    definition: {
      type: "foreignKey",
      foreignKey: {
        name: "FK_3ce66469b26697baa097f8da923",
        columns: ["author_id"],
        referencedTable: { schema: "public", name: "user" },
        referencedColumns: ["id"],
        onDelete: "RESTRICT",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
      },
    },
  });

  // table "workspace"
  // destructive: drops table "public"."workspace" and all its rows
  await op.dropTable("workspace", {
    definition: {
      columns: [
        { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
        {
          name: "slug",
          type: "character varying(40)",
          nullable: false,
          comment: "used in URLs; lower case, digits and dashes",
        },
        { name: "name", type: "character varying(120)", nullable: false },
        {
          name: "settings",
          type: "jsonb",
          nullable: false,
          default: "'{}'::jsonb",
          comment: "UI preferences; unknown keys are kept",
        },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      ],
      primaryKey: { name: "PK_ca86b6f9b3be5fe26d307d09b49", columns: ["id"] },
      uniques: [{ name: "UQ_0d706c438a9b1ae0ac9806a201a", columns: ["slug"] }],
      comment: "a team's space: projects, members, billing",
    },
  });

  // table "user"
  // destructive: drops table "public"."user" and all its rows
  await op.dropTable("user", {
    definition: {
      columns: [
        { name: "id", type: "uuid", default: "public.uuid_generate_v4()" },
        { name: "email", type: "character varying(254)", nullable: false },
        { name: "display_name", type: "character varying(80)", nullable: false },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      ],
      primaryKey: { name: "PK_cace4a159ff9f2512dd42373760", columns: ["id"] },
      uniques: [{ name: "UQ_e12875dfb3b1d92d7d7c5377e22", columns: ["email"] }],
      comment: "people who can sign in",
    },
  });

  // table "project"
  // destructive: drops table "public"."project" and all its rows
  await op.dropTable("project", {
    definition: {
      columns: [
        { name: "id", type: "integer", identity: "BY DEFAULT" },
        {
          name: "key",
          type: "character varying(10)",
          nullable: false,
          comment: "upper-case prefix of issue numbers, unique in the workspace",
        },
        { name: "name", type: "character varying(80)", nullable: false },
        { name: "description", type: "text" },
        { name: "archived_at", type: "timestamp with time zone" },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "workspace_id", type: "uuid", nullable: false },
      ],
      primaryKey: { name: "PK_4d68b1358bb5b766d3e78f32f57", columns: ["id"] },
      checks: [
        {
          name: "CHK_project_key_format",
          expression: "((key)::text ~ '^[A-Z][A-Z0-9]{1,9}$'::text)",
        },
      ],
      indexes: [{ name: "UQ_project_workspace_key", keys: ["workspace_id", "key"], unique: true }],
    },
  });

  // table "membership"
  // destructive: drops table "public"."membership" and all its rows
  await op.dropTable("membership", {
    definition: {
      columns: [
        { name: "workspace_id", type: "uuid" },
        { name: "user_id", type: "uuid" },
        { name: "role", type: "public.member_role", nullable: false, default: "'member'::public.member_role" },
        { name: "joined_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      ],
      primaryKey: { name: "PK_c812b1092cf66d72ddac549a6b4", columns: ["workspace_id", "user_id"] },
    },
  });

  // table "label"
  // destructive: drops table "public"."label" and all its rows
  await op.dropTable("label", {
    definition: {
      columns: [
        { name: "id", type: "integer", identity: "BY DEFAULT" },
        { name: "name", type: "character varying(40)", nullable: false },
        {
          name: "color",
          type: "character(7)",
          nullable: false,
          default: "'#888888'::bpchar",
          comment: "hex colour, #rrggbb",
        },
        { name: "workspace_id", type: "uuid", nullable: false },
      ],
      primaryKey: { name: "PK_5692ac5348861d3776eb5843672", columns: ["id"] },
      checks: [{ name: "CHK_label_color", expression: "(color ~ '^#[0-9a-f]{6}$'::text)" }],
      indexes: [{ name: "UQ_label_workspace_name", keys: ["workspace_id", "name"], unique: true }],
    },
  });

  // table "issue_label"
  // destructive: drops table "public"."issue_label" and all its rows
  await op.dropTable("issue_label", {
    definition: {
      columns: [
        { name: "issue_id", type: "bigint" },
        { name: "label_id", type: "integer" },
      ],
      primaryKey: { name: "PK_a57a7ae887a3c03b35ac23c0b12", columns: ["issue_id", "label_id"] },
      indexes: [
        { name: "IDX_5931f332134620084738542876", keys: ["issue_id"] },
        { name: "IDX_6d548a1fd2cee0b1af5a204d6a", keys: ["label_id"] },
      ],
    },
  });

  // table "issue"
  // destructive: drops table "public"."issue" and all its rows
  await op.dropTable("issue", {
    definition: {
      columns: [
        { name: "id", type: "bigint", identity: "BY DEFAULT" },
        { name: "number", type: "integer", nullable: false, comment: "sequence within the project" },
        { name: "title", type: "character varying(200)", nullable: false },
        { name: "body", type: "text", nullable: false, default: "''::text" },
        { name: "status", type: "public.issue_status", nullable: false, default: "'open'::public.issue_status" },
        {
          name: "priority",
          type: "public.issue_priority",
          nullable: false,
          default: "'medium'::public.issue_priority",
        },
        {
          name: "keywords",
          type: "text[]",
          nullable: false,
          default: "'{}'::text[]",
          comment: "free-form keywords, for search",
        },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "project_id", type: "integer", nullable: false },
        { name: "reporter_id", type: "uuid", nullable: false },
        { name: "assignee_id", type: "uuid" },
      ],
      primaryKey: { name: "PK_f80e086c249b9f3f3ff2fd321b7", columns: ["id"] },
      indexes: [
        { name: "IDX_issue_project_status", keys: ["project_id", "status"] },
        { name: "UQ_issue_project_number", keys: ["project_id", "number"], unique: true },
      ],
      comment: "work items; (project_id, number) is what users see, e.g. ENG-42",
    },
  });

  // table "comment"
  // destructive: drops table "public"."comment" and all its rows
  await op.dropTable("comment", {
    definition: {
      columns: [
        { name: "id", type: "bigint", identity: "BY DEFAULT" },
        { name: "body", type: "text", nullable: false },
        { name: "created_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "updated_at", type: "timestamp with time zone", nullable: false, default: "now()" },
        { name: "mpath", type: "character varying", default: "''::character varying" },
        { name: "issue_id", type: "bigint", nullable: false },
        { name: "author_id", type: "uuid", nullable: false },
        { name: "parent_id", type: "bigint" },
      ],
      primaryKey: { name: "PK_0b0e4bbc8415ec426f87f3a88e2", columns: ["id"] },
      foreignKeys: [
        {
          name: "FK_8bd8d0985c0d077c8129fb4a209",
          columns: ["parent_id"],
          references: "comment",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
        },
      ],
    },
  });

  // enum "member_role"
  await op.dropEnum("member_role", { values: ["owner", "admin", "member", "guest"] });

  // enum "issue_status"
  await op.dropEnum("issue_status", { values: ["open", "in_progress", "done"] });

  // enum "issue_priority"
  await op.dropEnum("issue_priority", { values: ["low", "medium", "high"] });

  // extension "uuid-ossp"
  await op.dropExtension("uuid-ossp", { schema: "public" });
}
