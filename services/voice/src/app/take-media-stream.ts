import { verifyMediaStreamToken } from "@voxbridge/kit/media-token";
import type { CallAgent } from "../domain/call-agent";
import type { ConversationEngine, EngineEvents } from "../domain/conversation-engine";
import type { Turn } from "../domain/transcript";
import { ConversationSession, type SessionEnd } from "./conversation-session";
import type { LiveSignals } from "./live-signals";
import type { Answers, CallStore, IncomingStream } from "./ports";

export type TakeMediaStreamDeps = {
  calls: CallStore;
  mediaTokenKey: string;
  clock: () => Date;
  /** How long a stream waits for its call's agent copy (the consumer may lag) before the attempt ends with an agent error. */
  agentWaitMs: number;
  engineFor: (agent: CallAgent, events: EngineEvents, call: { callId: string; orgId: string }) => ConversationEngine;
  /** Keeps the answers the agent's schema accepts; null when none. */
  validAnswers: (agent: CallAgent, answers: Answers) => Answers | null;
  /**
   * After a conversation with required answers still missing, one pass over its transcript may fill
   * them (realtime engines: a structured-output extraction); returns the answers to store.
   */
  completeAnswers?: (agent: CallAgent, end: SessionEnd) => Promise<Answers | null>;
  /** The conversation was stored: see whether its call can be analyzed now. */
  analyze: (callId: string) => void;
  observe: {
    streamStarted(): void;
    streamEnded(outcome: string): void;
    bargeIn(latencyMs: number): void;
    error(context: Record<string, unknown>, message: string): void;
  };
  /** Live sessions of this instance, for draining on SIGTERM. */
  live: Set<ConversationSession>;
  /** Where the dialer's signals (machine verdict, cancel) reach the session, from whichever instance took them. */
  signals: Pick<LiveSignals, "register" | "unregister">;
};

/**
 * Takes one media stream: checks its token against the call and attempt it claims (refused before
 * any audio flows otherwise), waits briefly for the call's agent copy, then holds the conversation
 * and stores it (turns as they come, the whole at the end, the recording to upload).
 * Returns a refusal reason, or null when taken.
 */
export function takeMediaStream(deps: TakeMediaStreamDeps, stream: IncomingStream): string | null {
  const { call_id: callId, attempt: attemptText, token } = stream.customParameters;
  if (!callId || !attemptText || !token) return "missing_parameters";
  const check = verifyMediaStreamToken(deps.mediaTokenKey, token, deps.clock());
  if (!check.ok) return `token_${check.reason}`;
  if (check.claim.callId !== callId || String(check.claim.attempt) !== attemptText) return "token_mismatch";
  const attempt = check.claim.attempt;
  const startedAt = deps.clock();
  const t0 = Date.now();
  let closedEarly = false;
  stream.onClose(() => {
    closedEarly = true;
  });
  deps.observe.streamStarted();
  void (async () => {
    const known = await waitForAgent(deps, callId, () => closedEarly);
    if (known === null) {
      deps.observe.error({ callId, attempt }, "media stream for a call whose agent is unknown; ending the attempt with an agent error");
      stream.close("agent unknown");
      deps.observe.streamEnded("agent_error");
      // Nobody heard anything: the dialer may dial again (its carrier end would otherwise wait for a
      // report that never comes, and count as heard).
      await deps.calls
        .reportUnheardAgentError({ callId, attempt, error: "the voice service never learned this call's agent" })
        .catch((error: unknown) => deps.observe.error({ callId, attempt, err: error }, "could not report the unknown agent to the dialer"));
      return;
    }
    await deps.calls.startConversation({ callId, attempt, orgId: known.orgId, startedAt });
    if (closedEarly) {
      await deps.calls.endConversation({
        callId,
        attempt,
        endedAt: deps.clock(),
        outcome: "agent_error",
        turns: [],
        answers: null,
        recording: null,
      });
      deps.observe.streamEnded("agent_error");
      deps.analyze(callId);
      return;
    }
    let saving: Promise<void> = Promise.resolve();
    const save = (work: () => Promise<void>) => {
      saving = saving
        .then(work)
        .catch((error: unknown) => deps.observe.error({ callId, attempt, err: error }, "storing the conversation failed"));
      return saving;
    };
    let progress: { turns: Turn[]; answers: Answers | null } | null = null;
    const session: ConversationSession = new ConversationSession({
      attempt,
      record: known.agent.record,
      maxDurationMs: known.agent.maxDurationSeconds * 1000,
      now: () => Date.now() - t0,
      line: {
        sendMedia: (frame) => stream.send.media(frame),
        sendMark: (name) => stream.send.mark(name),
        sendClear: () => stream.send.clear(),
        hangUp: () => stream.close("agent hung up"),
      },
      engine: (events) => deps.engineFor(known.agent, events, { callId, orgId: known.orgId }),
      validAnswers: (answers) => deps.validAnswers(known.agent, answers),
      onProgress: (turns: Turn[], answers: Answers | null) => {
        // One save waits at a time, with the latest turns: a burst of progress (a turn cut, its text,
        // the next turn) is one write, not one each on the event loop that relays every live call.
        const waiting = progress !== null;
        progress = { turns, answers };
        if (!waiting)
          void save(async () => {
            const latest = progress;
            progress = null;
            if (latest !== null) await deps.calls.saveProgress({ callId, attempt, ...latest });
          });
      },
      onBargeIn: (latencyMs) => deps.observe.bargeIn(latencyMs),
      onEnd: (end: SessionEnd) => {
        deps.live.delete(session);
        deps.signals.unregister(callId, attempt);
        if (end.error) deps.observe.error({ callId, attempt }, `conversation ended with an agent error: ${end.error}`);
        void save(async () => {
          const answers = deps.completeAnswers ? await deps.completeAnswers(known.agent, end) : end.answers;
          await deps.calls.endConversation({
            callId,
            attempt,
            endedAt: deps.clock(),
            outcome: end.outcome,
            turns: end.turns,
            answers,
            recording: end.recording ? { key: recordingKey(known.orgId, callId, attempt), wav: end.recording } : null,
            ...(end.error ? { error: end.error } : {}),
          });
          deps.observe.streamEnded(end.outcome);
          deps.analyze(callId);
        });
      },
    });
    deps.live.add(session);
    stream.onMedia((frame, at) => session.calleeAudio(frame, at));
    stream.onMark((name) => session.markPlayed(name));
    stream.onDtmf((digit) => session.dtmf(digit, Date.now() - t0));
    stream.onClose(() => session.lineClosed());
    session.start();
    deps.signals.register(callId, attempt, session);
  })().catch((error: unknown) => {
    deps.observe.error({ callId, attempt, err: error }, "media stream failed");
    stream.close("agent error");
  });
  return null;
}

async function waitForAgent(deps: TakeMediaStreamDeps, callId: string, gone: () => boolean) {
  const deadline = Date.now() + deps.agentWaitMs;
  for (;;) {
    const known = await deps.calls.findAgent(callId);
    if (known !== null || Date.now() >= deadline || gone()) return known;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Where an attempt's recording lives in the bucket. */
const recordingKey = (orgId: string, callId: string, attempt: number) => `recordings/${orgId}/${callId}/${attempt}.wav`;
