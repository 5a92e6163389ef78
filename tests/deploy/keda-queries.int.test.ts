import path from "node:path";
import pg from "pg";
import { testDatabaseUrl } from "../support/env";
import { deployTool, K8S_DIR, kustomize } from "./manifests";

// KEDA runs the ScaledObjects' Postgres queries with the services' database credentials: they must
// run on the migrated schema as it is (a renamed column would leave the autoscaler blind).
describe("the autoscalers' Postgres queries (real Postgres, migrated)", () => {
  const production = kustomize(deployTool("kubectl"), path.join(K8S_DIR, "overlays/production"));
  const queries = production.flatMap((m) =>
    m.kind === "ScaledObject"
      ? (m.spec.triggers as { type: string; metadata: { query?: string } }[]).flatMap((t) =>
          t.type === "postgresql" ? [[m.metadata.name, t.metadata.query as string]] : [],
        )
      : [],
  );

  it("run on the schema and answer one count", async () => {
    expect(queries.map(([name]) => name)).toEqual(["voxbridge-webhooks"]);
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      for (const [name, query] of queries) {
        const { rows } = await client.query(query as string);
        expect([name, rows.length, Number.isInteger(Number(Object.values(rows[0] ?? {})[0]))]).toEqual([name, 1, true]);
      }
    } finally {
      await client.end();
    }
  });
});
