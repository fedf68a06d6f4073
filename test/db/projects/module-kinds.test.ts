/** ESM projects, .mts/.cts files, and entities that are already compiled (a build's dist, a workspace package's dist). */
import { COMPILED_DIST, ESM, MTS_CTS, WORKSPACE_DIST } from "./shapes";
import { describeShapes } from "./support";

describeShapes("module kinds and compiled entities", [ESM, MTS_CTS, COMPILED_DIST, WORKSPACE_DIST]);
