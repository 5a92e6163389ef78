import { decodeMulaw, downsampleTo8k, encodeMulaw, FRAME_BYTES, MULAW_SILENCE, toFrames, upsampleTo16k } from "./audio";
import { encodeStereoWav, TwoChannelRecording } from "./two-channel-recording";

describe("line audio", () => {
  it("round-trips μ-law within its quantization", () => {
    const samples = Int16Array.from([0, 1000, -1000, 12000, -30000]);
    const back = decodeMulaw(encodeMulaw(samples));
    for (const [i, s] of samples.entries()) expect(Math.abs((back[i] ?? 0) - s)).toBeLessThanOrEqual(Math.abs(s) / 16 + 8);
    expect(decodeMulaw(Uint8Array.of(MULAW_SILENCE))[0]).toBe(0);
  });

  it("cuts audio into whole 20 ms frames, padding the last with silence", () => {
    const frames = toFrames(new Uint8Array(FRAME_BYTES * 2 + 10).fill(1));
    expect(frames.map((f) => f.length)).toEqual([FRAME_BYTES, FRAME_BYTES, FRAME_BYTES]);
    expect(frames[2]?.[10]).toBe(MULAW_SILENCE);
  });

  it("resamples between the line's 8 kHz and 16 kHz", () => {
    expect(Array.from(upsampleTo16k(Int16Array.from([0, 100])))).toEqual([0, 50, 100, 100]);
    expect(downsampleTo8k(new Int16Array(320).fill(800)).every((s) => s === 800)).toBe(true);
  });
});

describe("two-channel recording", () => {
  it("places each leg on one timeline: callee left, agent right, silences kept", () => {
    const recording = new TwoChannelRecording();
    recording.write("callee", 0, new Int16Array(80).fill(100));
    recording.write("agent", 1000, new Int16Array(80).fill(-200));
    recording.extendTo(2000);
    const wav = recording.toWav();
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(40)).toBe(16000 * 4);
    const frame = (i: number) => [wav.readInt16LE(44 + i * 4), wav.readInt16LE(46 + i * 4)];
    expect(frame(0)).toEqual([100, 0]);
    expect(frame(4000)).toEqual([0, 0]);
    expect(frame(8000)).toEqual([0, -200]);
    expect(recording.durationMs).toBe(2000);
  });

  it("writes a canonical header", () => {
    const wav = encodeStereoWav(Int16Array.of(1), Int16Array.of(2), 8000);
    expect(wav.length).toBe(48);
    expect(wav.readUInt32LE(4)).toBe(40);
    expect(wav.readUInt16LE(32)).toBe(4);
  });
});
