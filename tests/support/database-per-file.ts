import NodeEnvironment from "jest-environment-node";
import { testDatabaseUrl } from "./env";
import { createFileDatabase, dropFileDatabase } from "./fresh-database";

/** Files that talk to Postgres: integration tests beside the code, and the end-to-end and fault suites. */
const USES_DATABASE = /(\.int\.test\.ts$)|([\\/]tests[\\/](e2e|faults)[\\/])/;

/**
 * Jest's Node environment, plus a database of the file's own: a copy of the migrated test database
 * made before the file runs (DATABASE_URL points at it for the file's code and the services it
 * starts) and dropped after. Unit tests get no database and pay nothing.
 */
export default class DatabasePerFileEnvironment extends NodeEnvironment {
  private readonly testPath: string;
  private databaseUrl: string | undefined;

  constructor(...[config, context]: ConstructorParameters<typeof NodeEnvironment>) {
    super(config, context);
    this.testPath = context.testPath;
  }

  override async setup(): Promise<void> {
    await super.setup();
    if (!USES_DATABASE.test(this.testPath)) return;
    this.databaseUrl = await createFileDatabase(testDatabaseUrl());
    this.global.process.env.DATABASE_URL = this.databaseUrl;
  }

  override async teardown(): Promise<void> {
    if (this.databaseUrl) await dropFileDatabase(this.databaseUrl);
    await super.teardown();
  }
}
