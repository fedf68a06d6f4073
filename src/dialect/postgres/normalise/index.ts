export { normalise } from "./normalise";
export type { ChunkStats, NormaliseOptions } from "./normalise";
