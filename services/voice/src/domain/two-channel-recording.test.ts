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

  it("writes a canonical header", () => {
    const wav = encodeStereoWav(Int16Array.of(1), Int16Array.of(2), 8000);
    expect(wav.length).toBe(48);
    expect(wav.readUInt32LE(4)).toBe(40);
    expect(wav.readUInt16LE(32)).toBe(4);
  });
});
