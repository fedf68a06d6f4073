/** Bidirectional relations across files: a pair and a cycle of three, each in both file orders. */
import { CYCLE_OF_THREE, PAIR } from "./shapes";
import { describeShapes } from "./support";

describeShapes("cross-file cycles", [PAIR, CYCLE_OF_THREE]);
