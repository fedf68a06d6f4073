import "reflect-metadata";
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Workspace } from "./workspace";

/** A project groups issues; its key prefixes issue numbers (ENG-42). */
@Entity()
@Index("UQ_project_workspace_key", ["workspace", "key"], { unique: true })
@Check("CHK_project_key_format", `"key" ~ '^[A-Z][A-Z0-9]{1,9}$'`)
export class Project {
  @PrimaryGeneratedColumn("identity")
  id!: number;

  @ManyToOne(() => Workspace, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "workspace_id" })
  workspace!: Workspace;

  @Column({ type: "varchar", length: 10, comment: "upper-case prefix of issue numbers, unique in the workspace" })
  key!: string;

  @Column({ type: "varchar", length: 120 })
  name!: string;

  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Column({ name: "archived_at", type: "timestamptz", nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
