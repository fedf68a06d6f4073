/**
 * Introspection and normalisation are loaded on first use: only `check` and
 * autogenerate need them, and every other command would pay for loading
 * them with the Dialect object.
 */
import type { DialectCatalog } from "../catalog";
import { mergeCatalogs } from "./introspect/merge";

const catalog: DialectCatalog = {
  introspect: async (executor, options) => (await import("./introspect/introspect")).introspect(executor, options),
  mergeCatalogs,
  ownedSequences: async (executor, tables) => (await import("./introspect/sequences")).ownedSequences(executor, tables),
  readTypeormMetadata: async (executor, table) => (await import("./introspect/typeorm-metadata")).readTypeormMetadata(executor, table),
  tableSizes: async (executor, tables) => (await import("./introspect/table-sizes")).tableSizes(executor, tables),
  normalise: async (raw, executor) => (await import("./normalise/normalise")).normalise(raw, executor),
};

export const postgresCatalog: DialectCatalog = Object.freeze(catalog);
