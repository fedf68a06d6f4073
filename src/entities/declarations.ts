/**
 * Who declared each table, in words a user finds in their code: the entity
 * class (`ArticleTag`), the property whose `@JoinTable` makes a junction
 * (`Product.profiles`), or the closure table of a tree entity (`closure table
 * of Leaf`). Junction and closure metadata are anonymous in TypeORM, so they
 * are named through what points at them.
 */
import type { EntityMetadata } from "typeorm";
import { entityLabel } from "./metadata";

export function declarationLabels(metadatas: readonly EntityMetadata[]): (metadata: EntityMetadata) => string {
  const labels = new Map<EntityMetadata, string>();
  for (const metadata of metadatas) {
    for (const relation of metadata.relations) {
      // the owner's join columns live in its junction (an inverse side's junction link is overwritten when both sides own one)
      const junction = relation.isManyToManyOwner ? relation.joinColumns[0]?.entityMetadata : undefined;
      if (junction && !labels.has(junction)) labels.set(junction, `${entityLabel(metadata)}.${relation.propertyName}`);
    }
    if (metadata.closureJunctionTable && !labels.has(metadata.closureJunctionTable)) {
      labels.set(metadata.closureJunctionTable, `closure table of ${entityLabel(metadata)}`);
    }
  }
  return (metadata) => labels.get(metadata) ?? entityLabel(metadata);
}
