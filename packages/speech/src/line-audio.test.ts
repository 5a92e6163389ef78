import { decodeMulaw, downsampleTo8k, encodeMulaw, FRAME_BYTES, MULAW_SILENCE, toFrames, upsampleTo16k } from "./line-audio";

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
