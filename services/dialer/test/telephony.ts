import type { TelephonyAdapter } from "../src/app/ports";

/**
 * A carrier that records what the dialer asked of it (for tests of the dialer's own logic; tests
 * of a real carrier's wire format use the Twilio adapter against a local stand-in).
 */
export function recordingTelephony(name = "recording"): TelephonyAdapter & { dialed: string[]; hungUp: string[] } {
  const dialed: string[] = [];
  const hungUp: string[] = [];
  return {
    name,
    account: name,
    mediaToVoice: false,
    dialed,
    hungUp,
    dial: async (request) => {
      dialed.push(request.callId);
      return { carrierCallId: `${name}-${request.callId}-${request.attempt}` };
    },
    hangup: async (carrierCallId) => void hungUp.push(carrierCallId),
    liveCalls: () => 0,
    close: async () => undefined,
  };
}
