import "./tracing";
import { exitOnSignals } from "@voxbridge/kit";
import { loadGatewayConfigOrExit } from "./config";
import { startGateway } from "./gateway";

const config = loadGatewayConfigOrExit();
startGateway(config).then(
  (gateway) => exitOnSignals(gateway.logger, config, () => gateway.shutdownSteps),
  (error: unknown) => {
    process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
