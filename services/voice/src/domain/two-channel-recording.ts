import { SAMPLE_RATE } from "@voxbridge/speech/line-audio";

/**
 * Both legs of a call on one wall-clock timeline: each leg's samples are written at the position
 * they were heard or played, so silences are kept and the two stay aligned. The WAV has the callee
 * on the left channel and the agent on the right, 16-bit PCM at 8 kHz.
 *
 * Each leg is kept in one-second chunks, allocated as the call reaches them: a growing call never
 * copies what it holds (a copy of a whole leg, for every call at the same moment, held up every
 * live call's frames), and a silent second costs nothing until the WAV is written.
 */
export type Leg = "callee" | "agent";

const CHUNK = SAMPLE_RATE;
/** Whether this machine stores typed arrays little-endian, as WAV does: then a frame is written as one 32-bit word. */
const LITTLE_ENDIAN = new Uint8Array(Int16Array.of(1).buffer)[0] === 1;

export class TwoChannelRecording {
  private readonly legs: Record<Leg, (Int16Array | undefined)[]> = { callee: [], agent: [] };
  private length = 0;

  /** Writes samples of one leg starting `atMs` into the call. */
  write(leg: Leg, atMs: number, samples: Int16Array): void {
    const start = Math.max(0, Math.round((atMs * SAMPLE_RATE) / 1000));
    const chunks = this.legs[leg];
    for (let done = 0; done < samples.length; ) {
      const at = start + done;
      const index = Math.floor(at / CHUNK);
      const offset = at - index * CHUNK;
      const count = Math.min(samples.length - done, CHUNK - offset);
      let chunk = chunks[index];
      if (chunk === undefined) {
        chunk = new Int16Array(CHUNK);
        chunks[index] = chunk;
      }
      chunk.set(samples.subarray(done, done + count), offset);
      done += count;
    }
    this.length = Math.max(this.length, start + samples.length);
  }

  /** Extends the recording with silence up to `atMs` (the call went on, nobody spoke). */
  extendTo(atMs: number): void {
    this.length = Math.max(this.length, Math.round((atMs * SAMPLE_RATE) / 1000));
  }

  get durationMs(): number {
    return (this.length * 1000) / SAMPLE_RATE;
  }

  toWav(): Buffer {
    if (!LITTLE_ENDIAN) return encodeStereoWav(this.leg("callee"), this.leg("agent"), SAMPLE_RATE);
    // Straight from the chunks, each frame's two samples as one 32-bit word (left in the low half).
    const wav = wavHeader(this.length, SAMPLE_RATE);
    const frames = new Uint32Array(wav.buffer, wav.byteOffset + 44, this.length);
    for (let index = 0; index * CHUNK < this.length; index++) {
      const from = index * CHUNK;
      const count = Math.min(CHUNK, this.length - from);
      const left = this.legs.callee[index];
      const right = this.legs.agent[index];
      if (left && right) for (let i = 0; i < count; i++) frames[from + i] = ((left[i] as number) & 0xffff) | ((right[i] as number) << 16);
      else if (left) for (let i = 0; i < count; i++) frames[from + i] = (left[i] as number) & 0xffff;
      else if (right) for (let i = 0; i < count; i++) frames[from + i] = (right[i] as number) << 16;
      else frames.fill(0, from, from + count);
    }
    return wav;
  }

  private leg(leg: Leg): Int16Array {
    const all = new Int16Array(this.length);
    this.legs[leg].forEach((chunk, index) => {
      if (chunk !== undefined && index * CHUNK < this.length) all.set(chunk.subarray(0, this.length - index * CHUNK), index * CHUNK);
    });
    return all;
  }
}

/**
 * A canonical 44-byte PCM WAV header for two 16-bit channels, followed by room for `frames` frames,
 * not zeroed: the caller writes every one. Its own memory (never the shared pool), so the data
 * starts at an even offset and can be viewed as 16- or 32-bit words.
 */
function wavHeader(frames: number, sampleRate: number): Buffer {
  const dataBytes = frames * 4;
  const wav = Buffer.allocUnsafeSlow(44 + dataBytes);
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
  return wav;
}

/** A canonical 44-byte-header PCM WAV, two channels interleaved left then right. */
export function encodeStereoWav(left: Int16Array, right: Int16Array, sampleRate: number): Buffer {
  const frames = Math.max(left.length, right.length);
  const wav = wavHeader(frames, sampleRate);
  for (let i = 0; i < frames; i++) {
    wav.writeInt16LE(left[i] ?? 0, 44 + i * 4);
    wav.writeInt16LE(right[i] ?? 0, 46 + i * 4);
  }
  return wav;
}
