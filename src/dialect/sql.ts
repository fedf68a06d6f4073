/** Operations -> statements. Filled by the column-property/op-factory step. (issue 14: being moved behind the Dialect seam; members are added as callers move over.) */
export interface DialectSql {}
