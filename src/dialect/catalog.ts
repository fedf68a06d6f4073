/** Introspection and normalisation. (issue 14: being moved behind the Dialect seam; members are added as callers move over.) */
export interface DialectCatalog {}
