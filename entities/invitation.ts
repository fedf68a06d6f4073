import "reflect-metadata";
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { MemberRole } from "./enums";
import { User } from "./user";
import { Workspace } from "./workspace";

/**
 * An emailed offer to join a workspace. At most one open invitation per
 * address and workspace: the unique index covers only those not yet accepted.
 */
@Entity()
@Index("UQ_invitation_open_per_email", ["workspace", "email"], { unique: true, where: `"accepted_at" IS NULL` })
export class Invitation {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @ManyToOne(() => Workspace, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "workspace_id" })
  workspace!: Workspace;

  @Column({ type: "varchar", length: 254 })
  email!: string;

  @Column({ type: "enum", enum: MemberRole, enumName: "member_role", default: MemberRole.Member })
  role!: MemberRole;

  @ManyToOne(() => User, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "invited_by_id" })
  invitedBy!: User;

  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;

  @Column({ name: "accepted_at", type: "timestamptz", nullable: true })
  acceptedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
