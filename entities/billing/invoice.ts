import "reflect-metadata";
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Subscription } from "./subscription";

/** A bill for one period of a subscription; the partial index serves the dunning job's "unpaid" query. */
@Entity({ schema: "billing" })
@Index("IDX_invoice_unpaid", ["subscription", "dueAt"], { where: `"paid_at" IS NULL` })
@Check("CHK_invoice_amount_not_negative", `"amount_cents" >= 0`)
export class Invoice {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @ManyToOne(() => Subscription, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "subscription_id" })
  subscription!: Subscription;

  @Column({ type: "varchar", length: 20, unique: true, comment: "printed on the invoice, e.g. 2026-000123" })
  number!: string;

  @Column({ name: "amount_cents", type: "integer" })
  amountCents!: number;

  @Column({ type: "char", length: 3, default: "EUR", comment: "ISO 4217 code" })
  currency!: string;

  @Column({ name: "issued_at", type: "timestamptz", default: () => "now()" })
  issuedAt!: Date;

  @Column({ name: "due_at", type: "timestamptz" })
  dueAt!: Date;

  @Column({ name: "paid_at", type: "timestamptz", nullable: true })
  paidAt!: Date | null;
}
