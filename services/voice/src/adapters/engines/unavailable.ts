import type { ConversationEngine, EngineEvents } from "../../domain/conversation-engine";

/** An engine this deployment cannot run (no credentials): the call ends at once with an agent error saying why. */
export function unavailableEngine(reason: string, events: EngineEvents): ConversationEngine {
  return {
    kind: "speech_to_speech",
    detectsTurns: true,
    start: () => events.failed(new Error(reason)),
    pushAudio: () => undefined,
    pushDtmf: () => undefined,
    calleeSpeech: () => undefined,
    truncate: () => undefined,
    played: () => undefined,
    notify: () => undefined,
    close: async () => undefined,
  };
}
