import "./tracing";
import { exitOnSignals } from "@voxbridge/kit";
import { loadVoiceConfigOrExit } from "./config";
import { startVoice } from "./voice";

const config = loadVoiceConfigOrExit();
startVoice(config).then(
  (voice) => exitOnSignals(voice.logger, config, () => voice.shutdownSteps),
  (error: unknown) => {
    process.stderr.write(`voice failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
