/**
 * What real applications declare beyond one class per table: decorators run a
 * tick after import, exclusions in the entity globs, one junction table
 * declared twice, and a DataSource with its own naming strategy and prefix.
 */
import { DATA_SOURCE, DEFERRED, EXCLUSION, JUNCTION_BOTH_SIDES, JUNCTION_ENTITY } from "./shapes";
import { describeShapes } from "./support";

describeShapes("declarations real applications make", [DEFERRED, EXCLUSION, JUNCTION_BOTH_SIDES, JUNCTION_ENTITY, DATA_SOURCE]);
