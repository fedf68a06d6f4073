/**
 * TypeORM's metadata build with our shortcuts (typeorm-builder-patches,
 * typeorm-indexed-args) in place for its duration: only when speed-ups are
 * on and the typeorm copy is one they were proven on (typeorm-range.ts);
 * otherwise TypeORM's own build, and one debug line saying why.
 */
import { noteSpeedupSkipped } from "./notes";
import { speedupsOn } from "./switch";
import { patchMetadataBuilder } from "./typeorm-builder-patches";
import { withIndexedMetadataArgs } from "./typeorm-indexed-args";
import { PROVEN_RANGE, provenTypeormVersion, typeormVersionOf } from "./typeorm-range";

export interface ShortcutOptions {
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `build` (TypeORM's buildMetadatas on a DataSource of `typeorm`), shortened where allowed. */
export async function withTypeormShortcuts<T>(typeorm: object, build: () => Promise<T>, options: ShortcutOptions = {}): Promise<T> {
  if (!speedupsOn(options.env)) return build();
  const version = typeormVersionOf(typeorm);
  if (!provenTypeormVersion(version)) {
    noteSpeedupSkipped(`typeorm ${version ?? "of unknown version"} is outside ${PROVEN_RANGE}, where the metadata-build shortcuts were proven: TypeORM's own build runs`, options.env);
    return build();
  }
  const storage = (typeorm as { getMetadataArgsStorage?: () => object }).getMetadataArgsStorage?.();
  const restore = patchMetadataBuilder(typeorm);
  try {
    return await (storage ? withIndexedMetadataArgs(storage, build) : build());
  } finally {
    restore();
  }
}
