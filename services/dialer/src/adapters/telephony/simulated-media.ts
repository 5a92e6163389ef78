import type { SimulatedCallee } from "@voxbridge/contracts";
import { type Logger, mintMediaStreamToken } from "@voxbridge/kit";
import { type CalleeRun, openCalleeStream, type PreparedCallee, prepareCallee } from "@voxbridge/speech/callee";
import { createLocalSynthesizer } from "@voxbridge/speech/flite";
import { cachedSynthesizer, type SpeechSynthesizer } from "@voxbridge/speech/synthesizer";

/** Where the simulator's answered calls stream their audio: the voice service's `/media`, and the key its token is signed with. */
export type SimulatedMediaOptions = { url: string; tokenKey: string; voice?: SpeechSynthesizer };

/** The sandbox callee's voice: flite's `rms`, which the voice service's recognizer hears best (docs/voice.md). */
const CALLEE_VOICE = { engine: "flite", voice: "rms" } as const;

/** One answered call's media leg, as Twilio's `<Connect><Stream>` opens it. */
export type MediaLeg = {
  /** Resolves once the callee's sentences are synthesized. */
  ready: Promise<void>;
  /** Opens the stream (at answer); resolves when it closes, whoever closed it. */
  connect: () => Promise<CalleeRun>;
  /** The carrier hangs up: `stop`, then the socket closes. */
  hangUp: () => void;
};

/**
 * Builds media legs for the simulator. Each starts synthesizing its callee's sentences at once (the
 * ringing), so its speech starts on frame counts once connected; a callee whose speech cannot be
 * synthesized stays silent rather than failing the call.
 */
export function simulatedMedia(options: SimulatedMediaOptions, logger: Logger) {
  // The same sentences recur across calls ("hello?", "yes", the opt-out): each is synthesized once.
  const voice = cachedSynthesizer(options.voice ?? createLocalSynthesizer(CALLEE_VOICE), 256);
  return (call: { callId: string; attempt: number; carrierCallId: string }, script: SimulatedCallee): MediaLeg => {
    const prepared: Promise<PreparedCallee> = prepareCallee(script, voice).catch((error: unknown) => {
      logger.error({ err: error, callId: call.callId }, "sandbox callee speech not synthesized; the callee stays silent");
      return prepareCallee({ silent: true }, voice);
    });
    let hangUp: (() => void) | null = null;
    let hungUp = false;
    return {
      ready: prepared.then(() => undefined),
      async connect() {
        const callee = await prepared;
        const stream = openCalleeStream({
          url: options.url,
          callId: call.callId,
          attempt: call.attempt,
          token: mintMediaStreamToken(options.tokenKey, { callId: call.callId, attempt: call.attempt }, new Date()),
          callee,
          callSid: call.carrierCallId,
        });
        hangUp = stream.hangUp;
        if (hungUp) stream.hangUp();
        const run = await stream.ended;
        if (run.failure)
          logger.warn({ callId: call.callId, failure: run.failure }, "media stream to the voice service failed; the call ends");
        return run;
      },
      hangUp() {
        hungUp = true;
        hangUp?.();
      },
    };
  };
}
