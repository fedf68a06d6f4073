import "reflect-metadata";
import { DataSource } from "typeorm";

/** TypeORM's own synchronize against a server database: the reference migrator must equal. */
export async function synchronize(url: string, entities: readonly (Function | object)[], schemas: readonly string[] = []): Promise<void> {
  const dataSource = new DataSource({ type: "postgres", url, entities: [...entities] as Function[], synchronize: false, logging: false });
  await dataSource.initialize();
  try {
    for (const schema of schemas) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
    await dataSource.synchronize();
  } finally {
    await dataSource.destroy();
  }
}
