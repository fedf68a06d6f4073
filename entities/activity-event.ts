import "reflect-metadata";
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { User } from "./user";
import { Workspace } from "./workspace";

/**
 * The workspace's activity feed: an append-only log. The key is an identity
 * that is always generated, so no client can choose (or reuse) an id.
 */
@Entity({ name: "activity_event", comment: "append-only feed of what happened in a workspace" })
@Index("IDX_activity_event_workspace_created", ["workspace", "createdAt"])
export class ActivityEvent {
  @PrimaryGeneratedColumn("identity", { type: "bigint", generatedIdentity: "ALWAYS" })
  id!: string;

  @ManyToOne(() => Workspace, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "workspace_id" })
  workspace!: Workspace;

  @ManyToOne(() => User, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "actor_id" })
  actor!: User | null;

  @Column({ type: "varchar", length: 40, comment: "e.g. issue.created, member.joined" })
  kind!: string;

  @Column({ type: "jsonb", default: () => "'{}'::jsonb" })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
