export type { Dialect } from "./dialect";
export { postgres } from "./postgres/dialect";
