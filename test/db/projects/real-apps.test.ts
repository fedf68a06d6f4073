/** Entity folders shaped like two open-source applications' (see test/fixtures/projects/README.md). */
import { REAL_CATALOG, REAL_COMMERCE } from "./shapes";
import { describeShapes } from "./support";

describeShapes("real application shapes", [REAL_COMMERCE, REAL_CATALOG]);
