import { migrateDialer } from "@voxbridge/dialer/migrate";
import { migrateGateway } from "@voxbridge/gateway/migrate";
import { migrateQuota } from "@voxbridge/quota/migrate";
import { migrateVoice } from "@voxbridge/voice/migrate";
import { migrateWebhooks } from "@voxbridge/webhooks/migrate";
import { startServerContainers } from "./containers";
import { testDatabaseUrl } from "./env";
import { dropStaleFileDatabases, recreateTestDatabase } from "./fresh-database";

/**
 * Once per Jest run: the servers (containers when scripts/test.sh asked for them, else the ones
 * already running), then every service's migrations on the test database (created if missing;
 * recreated first when scripts/test.sh asks, as it does in CI). That database is the template each
 * test file copies (tests/support/database-per-file.ts); copies a killed run left behind go first.
 * Environment set here reaches the test workers, which start afterwards.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.VOXBRIDGE_TESTCONTAINERS === "1") {
    const servers = await startServerContainers();
    Object.assign(process.env, servers.env);
    (globalThis as { stopServerContainers?: () => Promise<void> }).stopServerContainers = servers.stop;
  }
  const url = testDatabaseUrl();
  if (process.env.VOXBRIDGE_FRESH_TEST_DATABASE === "1") {
    await dropStaleFileDatabases(url);
    await recreateTestDatabase(url);
  }
  for (const apply of [migrateGateway, migrateQuota, migrateDialer, migrateWebhooks, migrateVoice]) await apply(url);
}
