import { createLogger } from "@voxbridge/kit";
import type { DialerStores } from "../src/app/ports";
import type { CarrierReportDeps } from "../src/app/record-carrier-report";

/** What recording an attempt's end needs, over the real stores: no voice service, no media to it, unless a test says otherwise. */
export const carrierReportDeps = (stores: DialerStores, overrides: Partial<CarrierReportDeps> = {}): CarrierReportDeps => ({
  attempts: stores.attempts,
  conversations: stores.conversations,
  voice: null,
  mediaToVoice: false,
  reportWaitSeconds: 8,
  retryDelaySeconds: 60,
  logger: createLogger({ service: "dialer-test", level: "silent" }),
  onEnded: () => undefined,
  ...overrides,
});
