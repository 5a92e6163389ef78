// The first import of main.ts: OpenTelemetry must hook http, pg and ioredis before they are loaded.
import { startTracing } from "@voxbridge/kit/tracing";

startTracing("quota");
