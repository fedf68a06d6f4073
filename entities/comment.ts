import "reflect-metadata";
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Tree,
  TreeChildren,
  TreeParent,
  UpdateDateColumn,
} from "typeorm";
import { Issue } from "./issue";
import { User } from "./user";

/** A discussion thread on an issue: replies nest, stored as a materialized path. */
@Entity()
@Tree("materialized-path")
export class Comment {
  @PrimaryGeneratedColumn("identity", { type: "bigint" })
  id!: string;

  @ManyToOne(() => Issue, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "issue_id" })
  issue!: Issue;

  @ManyToOne(() => User, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "author_id" })
  author!: User;

  @Column({ type: "text" })
  body!: string;

  @TreeParent({ onDelete: "CASCADE" })
  @JoinColumn({ name: "parent_id" })
  parent!: Comment | null;

  @TreeChildren()
  replies!: Comment[];

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
