import { wavToLineAudio } from "./flite-synthesizer";
import { decodeMulaw } from "./line-audio";

/** A mono 16-bit PCM WAV as flite and espeak-ng write it. */
function wav(samples: Int16Array, rate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer)]);
}

describe("synthesized speech to line audio", () => {
  it("takes 16 kHz (flite) and 22.05 kHz (espeak-ng) to 8 kHz μ-law of the same length in time", () => {
    expect(wavToLineAudio(wav(new Int16Array(16_000).fill(1000), 16_000)).length).toBe(8000);
    const fromEspeak = wavToLineAudio(wav(new Int16Array(22_050).fill(1000), 22_050));
    expect(fromEspeak.length).toBe(8000);
    // A steady level stays (within μ-law's quantization).
    expect(Math.abs((decodeMulaw(fromEspeak)[100] ?? 0) - 1000)).toBeLessThan(64);
  });

  it("refuses a file without audio", () => {
    expect(() => wavToLineAudio(wav(new Int16Array(0), 16_000).subarray(0, 36))).toThrow(/no audio/);
  });
});
