import path from "node:path";
import { findSchemaDrift } from "@voxbridge/kit/schema-drift";
import { testDatabaseUrl } from "../../../tests/support/env";

describe("voice Prisma schema", () => {
  it("schema.prisma and the SQL migrations describe the same tables", async () => {
    const drift = await findSchemaDrift({
      databaseUrl: testDatabaseUrl(),
      schemaPrismaPath: path.join(__dirname, "schema.prisma"),
      migrationsDir: path.join(__dirname, "migrations"),
    });
    expect(drift).toEqual([]);
  });
});
