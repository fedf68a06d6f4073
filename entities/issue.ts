import "reflect-metadata";
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { IssuePriority, IssueStatus } from "./enums";
import { Label } from "./label";
import { Project } from "./project";
import { User } from "./user";

/** A unit of work in a project, numbered per project. */
@Entity({ comment: "work items; (project_id, number) is what users see, e.g. ENG-42" })
@Index("UQ_issue_project_number", ["project", "number"], { unique: true })
@Index("IDX_issue_project_status", ["project", "status"])
@Index("IDX_issue_open_by_assignee", ["assignee"], { where: `"status" <> 'done'` })
@Check("CHK_issue_estimate_range", `"estimate" BETWEEN 0 AND 100`)
export class Issue {
  @PrimaryGeneratedColumn("identity", { type: "bigint" })
  id!: string;

  @ManyToOne(() => Project, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "project_id" })
  project!: Project;

  @Column({ type: "integer", comment: "sequence within the project" })
  number!: number;

  @Column({ type: "varchar", length: 200 })
  title!: string;

  @Column({ type: "text", default: "" })
  body!: string;

  @Column({ type: "enum", enum: IssueStatus, enumName: "issue_status", default: IssueStatus.Open })
  status!: IssueStatus;

  @Column({ type: "enum", enum: IssuePriority, enumName: "issue_priority", default: IssuePriority.Medium })
  priority!: IssuePriority;

  @Column({ type: "smallint", nullable: true, comment: "story points" })
  estimate!: number | null;

  @Column({ name: "due_on", type: "date", nullable: true })
  dueOn!: string | null;

  @ManyToOne(() => User, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "reporter_id" })
  reporter!: User;

  @ManyToOne(() => User, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "assignee_id" })
  assignee!: User | null;

  @Column({ type: "text", array: true, default: () => "'{}'", comment: "free-form tags, for search" })
  tags!: string[];

  @ManyToMany(() => Label)
  @JoinTable({ name: "issue_label", joinColumn: { name: "issue_id" }, inverseJoinColumn: { name: "label_id" } })
  labels!: Label[];

  @ManyToMany(() => User)
  @JoinTable({ name: "issue_watcher", joinColumn: { name: "issue_id" }, inverseJoinColumn: { name: "user_id" } })
  watchers!: User[];

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
