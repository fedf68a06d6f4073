import type { DialectCatalog } from "../catalog";

export const postgresCatalog: DialectCatalog = Object.freeze({});
