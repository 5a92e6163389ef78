import "./tracing";
import { exitOnSignals } from "@voxbridge/kit";
import { loadQuotaConfigOrExit } from "./config";
import { startQuota } from "./quota";

const config = loadQuotaConfigOrExit();
startQuota(config).then(
  (quota) => exitOnSignals(quota.logger, config, () => quota.shutdownSteps),
  (error: unknown) => {
    process.stderr.write(`quota failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
