/** How real projects lay out their entity folders: barrels, default exports, path aliases with a base class, embeddeds elsewhere. */
import { BARREL, DEFAULT_EXPORTS, EMBEDDEDS, PATHS_BASE_CLASS } from "./shapes";
import { describeShapes } from "./support";

describeShapes("entity folder layouts", [BARREL, DEFAULT_EXPORTS, PATHS_BASE_CLASS, EMBEDDEDS]);
