import "reflect-metadata";
import { Check, Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** What a workspace can subscribe to; kept in the `billing` schema with the rest of the money. */
@Entity({ schema: "billing", comment: "subscription plans offered for sale" })
@Check("CHK_plan_price_not_negative", `"monthly_price_cents" >= 0`)
export class Plan {
  @PrimaryGeneratedColumn("identity")
  id!: number;

  @Column({ type: "varchar", length: 30, unique: true, comment: "stable identifier used by the payment provider" })
  code!: string;

  @Column({ type: "varchar", length: 80 })
  name!: string;

  @Column({ name: "monthly_price_cents", type: "integer", comment: "in the smallest unit of the currency" })
  monthlyPriceCents!: number;

  @Column({ type: "text", array: true, default: () => "'{}'", comment: "feature flags the plan unlocks" })
  features!: string[];

  @Column({ type: "jsonb", default: () => `'{"projects": 3, "members": 5}'::jsonb`, comment: "usage limits; a missing key means unlimited" })
  limits!: Record<string, number>;

  @Column({ type: "boolean", default: true, comment: "false hides the plan from new subscriptions" })
  active!: boolean;
}
