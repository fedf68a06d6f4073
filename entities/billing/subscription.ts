import "reflect-metadata";
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { SubscriptionStatus } from "../enums";
import { Workspace } from "../workspace";
import { Plan } from "./plan";

/** A workspace's paid plan over time; the FK to the workspace crosses from `billing` to `public`. */
@Entity({ schema: "billing" })
@Index("IDX_subscription_workspace_status", ["workspace", "status"])
export class Subscription {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @ManyToOne(() => Workspace, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "workspace_id" })
  workspace!: Workspace;

  @ManyToOne(() => Plan, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "plan_id" })
  plan!: Plan;

  @Column({ type: "enum", enum: SubscriptionStatus, enumName: "subscription_status", default: SubscriptionStatus.Trialing })
  status!: SubscriptionStatus;

  @Column({ name: "current_period_start", type: "timestamptz" })
  currentPeriodStart!: Date;

  @Column({ name: "current_period_end", type: "timestamptz" })
  currentPeriodEnd!: Date;

  @Column({ name: "canceled_at", type: "timestamptz", nullable: true })
  canceledAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
