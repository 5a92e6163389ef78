import { isBargeIn } from "./barge-in";
import { DEFAULT_VAD, levelDbfs, nextVoiceActivity, SILENT, type VadEvent } from "./voice-activity";

const loud = -20;
const quiet = -70;
function feed(levels: number[]) {
  let state = SILENT;
  const events: [number, VadEvent][] = [];
  levels.forEach((level, i) => {
    const next = nextVoiceActivity(state, level);
    state = next.state;
    if (next.event) events.push([i, next.event]);
  });
  return events;
}

describe("voice activity", () => {
  it("starts speech after a short run of voiced frames and ends it after a longer run of silent ones", () => {
    const levels = [quiet, loud, loud, loud, loud, ...Array(DEFAULT_VAD.endFrames).fill(quiet)];
    expect(feed(levels)).toEqual([
      [3, "speech_started"],
      [4 + DEFAULT_VAD.endFrames, "speech_ended"],
    ]);
  });

  it("ignores a click and a pause inside a sentence", () => {
    expect(feed([loud, quiet, loud, quiet])).toEqual([]);
    const sentence = [loud, loud, loud, ...Array(DEFAULT_VAD.endFrames - 1).fill(quiet), loud];
    expect(feed(sentence)).toEqual([[2, "speech_started"]]);
  });

  it("measures a frame's level", () => {
    expect(levelDbfs(new Int16Array(160))).toBe(Number.NEGATIVE_INFINITY);
    expect(levelDbfs(new Int16Array(160).fill(32767))).toBeCloseTo(0, 1);
    expect(levelDbfs(new Int16Array(160).fill(328))).toBeCloseTo(-40, 0);
  });

  it("is a barge-in only while the agent is playing", () => {
    expect(isBargeIn({ speechStarted: true, agentPlaying: true })).toBe(true);
    expect(isBargeIn({ speechStarted: true, agentPlaying: false })).toBe(false);
  });
});
