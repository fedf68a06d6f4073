import type { DialectCatalog } from "../catalog";
import { notBuilt } from "./not-built";

export const mysqlCatalog: DialectCatalog = notBuilt<DialectCatalog>("catalog");
