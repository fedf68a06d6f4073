export { introspect } from "./introspect";
export type { IntrospectOptions } from "./introspect";
export { readCatalog } from "./read-catalog";
export type { CatalogScope, NameFilter } from "./scope";
export { mergeCatalogs } from "./merge";
export { ownedSequences } from "./sequences";
