export { normalise } from "./normalise";
export type { NormaliseOptions } from "./normalise";
