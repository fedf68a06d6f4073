/**
 * The one switch over every speed-up in this folder. `MIGRATOR_SPEEDUPS=off`
 * runs everything through the plain paths (Node's own require and compile,
 * yargs alone, TypeORM's own metadata build, tinyglobby, pg loaded as is):
 * slower, and by construction the same results (test/db/speedups compares
 * the two). It is read when a speed-up is about to be taken, not at import,
 * so a program (or a test) that sets it before the call gets what it set.
 */
export function speedupsOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MIGRATOR_SPEEDUPS !== "off";
}
