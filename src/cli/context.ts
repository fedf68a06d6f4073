import type { ResolvedConfig } from "../config/types";
import { redact } from "../redact";

/** Options every command accepts. */
export interface GlobalArgs {
  readonly config?: string;
  readonly url?: string;
  /** --data-source (-d): the project's TypeORM DataSource module. */
  readonly dataSource?: string;
  readonly json?: boolean;
  readonly debug?: boolean;
}

/** Where the CLI writes; tests pass their own to capture output. */
export interface CliIO {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** What a command's CLI wrapper gets: the config (loaded on first use) and output channels. */
export class CommandContext {
  private resolved: ResolvedConfig | undefined;
  private graphResolved: ResolvedConfig | undefined;
  private databaseNamed = false;

  constructor(
    readonly args: GlobalArgs,
    readonly io: CliIO,
  ) {}

  get json(): boolean {
    return this.args.json === true;
  }

  /** The config, loaded once; commands that need none (init, --help) never pay for it. */
  async config(): Promise<ResolvedConfig> {
    if (!this.resolved) {
      const { loadConfig } = await import("../config/load");
      this.resolved = loadConfig({ configPath: this.args.config, cwd: this.io.cwd, url: this.args.url, dataSource: this.args.dataSource });
    }
    return this.resolved;
  }

  /**
   * The config of a command that reads only the revision files (heads,
   * history, show, branches, merge, a plain revision): a DataSource given
   * with --data-source or `dataSource` is not run for them.
   */
  async graphConfig(): Promise<ResolvedConfig> {
    if (this.resolved) return this.resolved;
    if (!this.graphResolved) {
      const { loadConfig } = await import("../config/load");
      this.graphResolved = loadConfig({ configPath: this.args.config, cwd: this.io.cwd, url: this.args.url, dataSource: this.args.dataSource, graphOnly: true });
    }
    return this.graphResolved;
  }

  /**
   * The config of a command that opens the database, having said once on
   * stderr which one (`database: postgres://app@db:5432/prod`, `embedded:
   * .migrator/db`). On stderr even with --json: stdout stays the data.
   */
  async configWithDatabase(): Promise<ResolvedConfig> {
    const config = await this.config();
    if (!this.databaseNamed) {
      this.databaseNamed = true;
      const line = config.dialect.runtime.describeDatabase(config.database, config.root, this.io.cwd);
      if (line !== null) this.note(line);
    }
    return config;
  }

  /** Data to stdout, ending in exactly one newline (nothing for empty text). */
  out(text: string): void {
    if (text === "") return;
    this.io.stdout(text.endsWith("\n") ? text : `${text}\n`);
  }

  outJson(data: unknown): void {
    this.io.stdout(`${JSON.stringify(data, null, 2)}\n`);
  }

  /** Progress and warnings: stderr, so stdout stays clean data; never a password. */
  note(text: string): void {
    const shown = redact(text);
    this.io.stderr(shown.endsWith("\n") ? shown : `${shown}\n`);
  }
}
