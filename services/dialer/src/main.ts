import "./tracing";
import { exitOnSignals } from "@voxbridge/kit";
import { loadDialerConfigOrExit } from "./config";
import { startDialer } from "./dialer";

const config = loadDialerConfigOrExit();
startDialer(config).then(
  (dialer) => exitOnSignals(dialer.logger, config, () => dialer.shutdownSteps),
  (error: unknown) => {
    process.stderr.write(`dialer failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
