import { encodeStereoWav, TwoChannelRecording } from "./two-channel-recording";

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

  it("keeps samples written across its one-second chunks, and far into a long call, in place", () => {
    const recording = new TwoChannelRecording();
    const ramp = Int16Array.from({ length: 160 }, (_, i) => i + 1);
    recording.write("callee", 990, ramp); // samples 7920–8079: across the first chunk's end
    recording.write("agent", 61_000, ramp);
    const wav = recording.toWav();
    const left = (i: number) => wav.readInt16LE(44 + i * 4);
    const right = (i: number) => wav.readInt16LE(46 + i * 4);
    expect([left(7919), left(7920), left(7999), left(8000), left(8079), left(8080)]).toEqual([0, 1, 80, 81, 160, 0]);
    expect([right(487_999), right(488_000), right(488_159)]).toEqual([0, 1, 160]);
    expect(recording.durationMs).toBe(61_020);
    expect(wav.length).toBe(44 + 488_160 * 4);
  });

  it("keeps negative samples of both legs in the same frames", () => {
    const recording = new TwoChannelRecording();
    recording.write("callee", 0, Int16Array.of(-1, 32767, -32768));
    recording.write("agent", 0, Int16Array.of(-32768, -2, 1));
    const wav = recording.toWav();
    expect([0, 1, 2].map((i) => [wav.readInt16LE(44 + i * 4), wav.readInt16LE(46 + i * 4)])).toEqual([
      [-1, -32768],
      [32767, -2],
      [-32768, 1],
    ]);
  });

  it("writes a canonical header", () => {
    const wav = encodeStereoWav(Int16Array.of(1), Int16Array.of(2), 8000);
    expect(wav.length).toBe(48);
    expect(wav.readUInt32LE(4)).toBe(40);
    expect(wav.readUInt16LE(32)).toBe(4);
  });
});
