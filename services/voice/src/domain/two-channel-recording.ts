import { SAMPLE_RATE } from "@voxbridge/speech/line-audio";

/**
 * Both legs of a call on one wall-clock timeline: each leg's samples are written at the position
 * they were heard or played, so silences are kept and the two stay aligned. The WAV has the callee
 * on the left channel and the agent on the right, 16-bit PCM at 8 kHz.
 */
export type Leg = "callee" | "agent";

export class TwoChannelRecording {
  private left = new Int16Array(SAMPLE_RATE * 10);
  private right = new Int16Array(SAMPLE_RATE * 10);
  private length = 0;

  /** Writes samples of one leg starting `atMs` into the call. */
  write(leg: Leg, atMs: number, samples: Int16Array): void {
    const start = Math.max(0, Math.round((atMs * SAMPLE_RATE) / 1000));
    this.ensure(start + samples.length);
    (leg === "callee" ? this.left : this.right).set(samples, start);
    this.length = Math.max(this.length, start + samples.length);
  }

  /** Extends the recording with silence up to `atMs` (the call went on, nobody spoke). */
  extendTo(atMs: number): void {
    const end = Math.round((atMs * SAMPLE_RATE) / 1000);
    this.ensure(end);
    this.length = Math.max(this.length, end);
  }

  get durationMs(): number {
    return (this.length * 1000) / SAMPLE_RATE;
  }

  toWav(): Buffer {
    return encodeStereoWav(this.left.subarray(0, this.length), this.right.subarray(0, this.length), SAMPLE_RATE);
  }

  private ensure(samples: number): void {
    if (samples <= this.left.length) return;
    const size = Math.max(samples, this.left.length * 2);
    const grow = (old: Int16Array) => {
      const next = new Int16Array(size);
      next.set(old);
      return next;
    };
    this.left = grow(this.left);
    this.right = grow(this.right);
  }
}

/** A canonical 44-byte-header PCM WAV, two channels interleaved left then right. */
export function encodeStereoWav(left: Int16Array, right: Int16Array, sampleRate: number): Buffer {
  const frames = Math.max(left.length, right.length);
  const dataBytes = frames * 4;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write("WAVE", 8, "ascii");
  wav.write("fmt ", 12, "ascii");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(2, 22); // channels
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 4, 28); // byte rate
  wav.writeUInt16LE(4, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i++) {
    wav.writeInt16LE(left[i] ?? 0, 44 + i * 4);
    wav.writeInt16LE(right[i] ?? 0, 46 + i * 4);
  }
  return wav;
}
