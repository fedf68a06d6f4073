import "reflect-metadata";
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Workspace } from "./workspace";

/** A coloured tag for issues, defined once per workspace. */
@Entity()
@Index("UQ_label_workspace_name", ["workspace", "name"], { unique: true })
@Check("CHK_label_color", `"color" ~ '^#[0-9a-f]{6}$'`)
export class Label {
  @PrimaryGeneratedColumn("identity")
  id!: number;

  @ManyToOne(() => Workspace, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "workspace_id" })
  workspace!: Workspace;

  @Column({ type: "varchar", length: 40 })
  name!: string;

  @Column({ type: "char", length: 7, default: "#6b7280", comment: "hex colour, #rrggbb" })
  color!: string;
}
