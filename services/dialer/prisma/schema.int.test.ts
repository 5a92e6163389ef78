import path from "node:path";
import { findSchemaDrift } from "@voxbridge/kit/schema-drift";
import pg from "pg";
import { testDatabaseUrl } from "../../../tests/support/env";

describe("dialer Prisma schema", () => {
  it("schema.prisma and the SQL migrations describe the same tables", async () => {
    const drift = await findSchemaDrift({
      databaseUrl: testDatabaseUrl(),
      schemaPrismaPath: path.join(__dirname, "schema.prisma"),
      migrationsDir: path.join(__dirname, "migrations"),
    });
    expect(drift).toEqual([]);
  });

  it("leaves no superseded claim function behind (the claim lives in src/adapters/claim-store.ts): only the outbox trigger's", async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'dialer'`,
      );
      expect(rows).toEqual([{ proname: "outbox_notify" }]);
    } finally {
      await client.end();
    }
  });
});
