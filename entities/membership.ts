import "reflect-metadata";
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { MemberRole } from "./enums";
import { User } from "./user";
import { Workspace } from "./workspace";

/** A user's place in a workspace; the composite key allows one membership per pair. */
@Entity()
export class Membership {
  @PrimaryColumn({ name: "workspace_id", type: "uuid" })
  workspaceId!: string;

  @PrimaryColumn({ name: "user_id", type: "uuid" })
  userId!: string;

  @ManyToOne(() => Workspace, { onDelete: "CASCADE" })
  @JoinColumn({ name: "workspace_id" })
  workspace!: Workspace;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "user_id" })
  user!: User;

  @Column({ type: "enum", enum: MemberRole, enumName: "member_role", default: MemberRole.Member })
  role!: MemberRole;

  @CreateDateColumn({ name: "joined_at", type: "timestamptz" })
  joinedAt!: Date;
}
