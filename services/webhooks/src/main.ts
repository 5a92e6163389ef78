import "./tracing";
import { exitOnSignals } from "@voxbridge/kit";
import { loadWebhooksConfigOrExit } from "./config";
import { startWebhooks } from "./webhooks";

const config = loadWebhooksConfigOrExit();
startWebhooks(config).then(
  (webhooks) => exitOnSignals(webhooks.logger, config, () => webhooks.shutdownSteps),
  (error: unknown) => {
    process.stderr.write(`webhooks failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
