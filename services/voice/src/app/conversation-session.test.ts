import { encodeMulaw, FRAME_BYTES } from "@voxbridge/speech/line-audio";
import type { ConversationEngine, EngineEvents } from "../domain/conversation-engine";
import { ConversationSession, type SessionEnd } from "./conversation-session";

/** An engine that says one two-second reply of ten words at start and records what the session tells it. */
function scriptedEngine(log: string[]) {
  let events: EngineEvents | undefined;
  const engine: ConversationEngine = {
    kind: "cascade",
    detectsTurns: false,
    start() {
      events?.replyText("r1", "one two three four five six seven eight nine ten");
      events?.replyAudio("r1", encodeMulaw(new Int16Array(16000).fill(3000)));
      events?.replyEnd("r1", "opening");
    },
    pushAudio() {},
    pushDtmf() {},
    calleeSpeech: (event) => void log.push(`speech:${event}`),
    truncate: (id, playedMs) => void log.push(`truncate:${id}:${playedMs}`),
    played: (id, mark) => void log.push(`played:${id}:${mark}`),
    notify: (signal) => void log.push(`notify:${signal}`),
    close: async () => undefined,
  };
  return (e: EngineEvents) => {
    events = e;
    return engine;
  };
}

function harness() {
  let now = 0;
  const sent: string[] = [];
  const log: string[] = [];
  let end: SessionEnd | undefined;
  const session = new ConversationSession({
    attempt: 1,
    record: true,
    maxDurationMs: 60_000,
    now: () => now,
    line: {
      sendMedia: () => void sent.push("media"),
      sendMark: (name) => void sent.push(`mark:${name}`),
      sendClear: () => void sent.push("clear"),
      hangUp: () => void sent.push("hangup"),
    },
    engine: scriptedEngine(log),
    validAnswers: (a) => a,
    onProgress: () => undefined,
    onEnd: (e) => {
      end = e;
    },
  });
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 10) {
      now += 10;
      jest.advanceTimersByTime(10);
    }
  };
  const speak = (frames: number, level: number) => {
    for (let i = 0; i < frames; i++) {
      session.calleeAudio(encodeMulaw(new Int16Array(FRAME_BYTES).fill(level)), now);
      advance(20);
    }
  };
  return { session, sent, log, advance, speak, end: () => end };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("conversation session", () => {
  it("sends a reply's first frames as its audio arrives, before the reply has ended or the pacing tick comes", () => {
    const sent: string[] = [];
    let events: EngineEvents | undefined;
    const session = new ConversationSession({
      attempt: 1,
      record: false,
      maxDurationMs: 60_000,
      now: () => 0,
      line: { sendMedia: () => void sent.push("media"), sendMark: () => undefined, sendClear: () => undefined, hangUp: () => undefined },
      engine: (e) => {
        events = e;
        return { ...scriptedEngine([])(e), start: () => undefined };
      },
      validAnswers: (a) => a,
      onProgress: () => undefined,
      onEnd: () => undefined,
    });
    session.start();
    events?.replyAudio("r1", encodeMulaw(new Int16Array(16000).fill(3000)));
    // Due now: the frame at 0 ms and the lead's (60 ms) worth after it.
    expect(sent).toEqual(["media", "media", "media", "media"]);
  });

  it("sends whole frames paced to real time, then the reply's mark, and reports the reply played when the mark comes back", () => {
    const h = harness();
    h.session.start();
    h.advance(1000);
    const early = h.sent.filter((s) => s === "media").length;
    expect(early).toBeGreaterThanOrEqual(50);
    expect(early).toBeLessThanOrEqual(54); // a second's frames and the 60 ms lead, never the whole reply at once
    h.advance(1200);
    expect(h.sent.filter((s) => s === "media")).toHaveLength(100);
    expect(h.sent.at(-1)).toBe("mark:opening");
    h.session.markPlayed("opening");
    expect(h.log).toContain("played:r1:opening");
  });

  it("on the callee's speech during a reply: clear, no further frame of it, and the transcript keeps only what was played", () => {
    const h = harness();
    h.session.start();
    h.advance(500);
    h.speak(3, 8000); // 60 ms of speech starts the turn: a barge-in
    const clearAt = h.sent.indexOf("clear");
    expect(clearAt).toBeGreaterThan(0);
    h.advance(2000);
    expect(h.sent.slice(clearAt + 1).filter((s) => s === "media")).toEqual([]);
    expect(h.sent).not.toContain("mark:opening");
    const truncate = h.log.find((l) => l.startsWith("truncate:r1:"));
    expect(Number(truncate?.split(":")[2])).toBeGreaterThanOrEqual(500);
    expect(Number(truncate?.split(":")[2])).toBeLessThanOrEqual(600);
    h.session.lineClosed();
    const agent = h.end()?.turns.find((t) => t.speaker === "agent");
    expect(agent?.text).toBe("one two");
    expect(agent?.end_ms).toBe(agent && agent.start_ms + Number(truncate?.split(":")[2]));
  });

  it("does not treat the callee's speech while the agent is silent as a barge-in", () => {
    const h = harness();
    h.session.start();
    h.advance(2500);
    h.speak(5, 8000);
    expect(h.sent).not.toContain("clear");
    expect(h.log).toContain("speech:started");
  });

  it("on a machine verdict mid-reply: clear, nothing more of that reply, the engine told once", () => {
    const h = harness();
    h.session.start();
    h.advance(700);
    h.session.signal("machine");
    h.session.signal("machine");
    const clearAt = h.sent.indexOf("clear");
    expect(clearAt).toBeGreaterThan(0);
    h.advance(2000);
    expect(h.sent.slice(clearAt + 1).filter((s) => s === "media")).toEqual([]);
    expect(h.log.filter((l) => l.startsWith("notify:"))).toEqual(["notify:machine"]);
    expect(h.log.some((l) => l.startsWith("truncate:r1:"))).toBe(true);
  });

  it("passes a cancel on to the engine without a clear while the agent is silent", () => {
    const h = harness();
    h.session.start();
    h.advance(2500);
    h.session.signal("cancel");
    expect(h.sent).not.toContain("clear");
    expect(h.log).toContain("notify:cancel");
  });

  it("records both legs on one timeline the length of the call", () => {
    const h = harness();
    h.session.start();
    h.advance(3000);
    h.session.lineClosed();
    const wav = h.end()?.recording as Buffer;
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(40) / 4 / 8).toBeCloseTo(3000, -2);
  });
});
