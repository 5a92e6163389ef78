import { migrateDialer } from "@voxbridge/dialer/src/migrate";
import { migrateGateway } from "@voxbridge/gateway/src/migrate";
import { migrateQuota } from "@voxbridge/quota/src/migrate";
import { migrateWebhooks } from "@voxbridge/webhooks/src/migrate";
import { testDatabaseUrl } from "./env";

/** Once per Jest run: every service's migrations on the test database (created if missing). */
export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  for (const apply of [migrateGateway, migrateQuota, migrateDialer, migrateWebhooks]) await apply(url);
}
