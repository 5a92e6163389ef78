import type { SpeechSynthesizer } from "@voxbridge/speech/synthesizer";
import { greetingGrammar } from "../../domain/answer-grammar";
import type { ConversationEngine, EngineEvents } from "../../domain/conversation-engine";
import {
  type AgentScript,
  decide,
  initialPolicyState,
  type PolicyAction,
  type PolicyInput,
  type PolicyState,
} from "../../domain/dialogue-policy";
import type { GrammarRecognizer, SpeechRecognizerFactory } from "../../domain/speech-ports";

export type LocalCascadeOptions = {
  script: AgentScript;
  synthesizer: SpeechSynthesizer;
  recognizers: SpeechRecognizerFactory;
  /** Silence after a question (once played) before it counts as not answered. */
  answerTimeoutMs: number;
  /** How long the agent waits for the callee's "hello?" at pickup before it speaks. */
  greetingWaitMs?: number;
  /** After the callee stops talking, how long to wait for the recognizer's result. */
  resultWaitMs?: number;
  /** The time the answer came in, for the latency metric (end of speech to the first audio of the reply). */
  onReplyReady?: (speechEndedAtMs: number | null) => void;
};

/**
 * The local cascade: pocketsphinx (speech to text, constrained by a grammar per question), the
 * deterministic dialogue policy, and flite (text to speech). No key, no network.
 */
export function createLocalCascade(options: LocalCascadeOptions, events: EngineEvents): ConversationEngine {
  const { script } = options;
  let state: PolicyState = initialPolicyState(script);
  let recognizer: GrammarRecognizer | null = null;
  /** Results of a recognizer replaced since are about an earlier question: ignored. */
  let generation = 0;
  let switching: Promise<void> = Promise.resolve();
  let buffered: Uint8Array[] = [];
  let speaking: Promise<void> = Promise.resolve();
  let replies = 0;
  const marks = new Map<string, string>();
  let listening = true;
  let closed = false;
  let speechStartMs = 0;
  let speechEndMs: number | null = null;
  let calleeSpeaking = false;
  let lastAudioMs = 0;
  let keys = "";
  let waitTimer: NodeJS.Timeout | undefined;
  let cmn: string | null = null;
  const currentQuestion = () => state.questions[state.index];

  const wait = (ms: number, input: PolicyInput) => {
    clearTimeout(waitTimer);
    waitTimer = setTimeout(() => apply(input), ms);
  };

  const listen = (grammar: string) => {
    const previous = recognizer;
    const mine = ++generation;
    recognizer = null;
    switching = (async () => {
      if (previous) cmn = (await previous.close()) ?? cmn;
      if (closed || mine !== generation) return;
      const next = options.recognizers.open(grammar, cmn, (text) => {
        if (mine === generation && !closed) heard(text);
      });
      for (const frame of buffered) next.write(frame);
      buffered = [];
      recognizer = next;
    })();
  };

  const heard = (text: string) => {
    clearTimeout(waitTimer);
    events.calleeText(text, speechStartMs, speechEndMs ?? lastAudioMs);
    options.onReplyReady?.(speechEndMs);
    apply({ type: "heard", text });
  };

  const apply = (input: PolicyInput) => {
    if (closed) return;
    const before = state;
    const step = decide(state, input, script);
    state = step.state;
    if (step.state.answers !== before.answers) events.answers(step.state.answers);
    for (const action of step.actions) perform(action);
  };

  const perform = (action: PolicyAction) => {
    if (action.type === "hang_up") {
      events.hangUp(action.outcome);
      return;
    }
    const id = `r${++replies}`;
    marks.set(id, action.mark);
    listening = action.listen !== null;
    if (action.listen !== null) listen(action.listen);
    speaking = speaking.then(async () => {
      if (closed) return;
      try {
        const audio = await options.synthesizer.synthesize(action.text);
        if (closed) return;
        events.replyText(id, action.text);
        events.replyAudio(id, audio);
        events.replyEnd(id, action.mark);
      } catch (error) {
        events.failed(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };

  return {
    kind: "cascade",
    detectsTurns: false,
    start() {
      listen(greetingGrammar());
      wait(options.greetingWaitMs ?? 1_500, { type: "heard_nothing" });
      apply({ type: "start" });
    },
    pushAudio(frame, atMs) {
      lastAudioMs = atMs;
      if (recognizer) recognizer.write(frame);
      else buffered.push(frame);
    },
    pushDtmf(digit) {
      const question = currentQuestion();
      clearTimeout(waitTimer);
      if (state.phase === "asking" && question?.kind === "integer") {
        if (digit === "#") {
          const typed = keys;
          keys = "";
          apply({ type: "keys", keys: typed });
        } else keys += digit;
        return;
      }
      apply({ type: "keys", keys: digit });
    },
    calleeSpeech(event, atMs) {
      if (event === "started") {
        speechStartMs = atMs;
        speechEndMs = null;
        calleeSpeaking = true;
        clearTimeout(waitTimer);
      } else {
        speechEndMs = atMs;
        calleeSpeaking = false;
        if (listening) wait(options.resultWaitMs ?? 2_500, { type: "heard_nothing" });
      }
    },
    truncate(id) {
      // A cut reply is not played further; the callee's words answer what was being asked. A cut
      // closing line still ends the call: the callee talking over "goodbye" does not keep it open.
      const mark = marks.get(id);
      marks.delete(id);
      if (mark !== undefined && state.phase === "closing" && mark === state.closingMark) apply({ type: "played", mark });
    },
    played(id, mark) {
      marks.delete(id);
      apply({ type: "played", mark });
      if (listening && !calleeSpeaking && state.phase !== "closing" && state.phase !== "ended")
        wait(options.answerTimeoutMs, { type: "heard_nothing" });
    },
    notify(signal) {
      apply({ type: signal });
    },
    async close() {
      closed = true;
      clearTimeout(waitTimer);
      await switching;
      await recognizer?.close();
      recognizer = null;
    },
  };
}
