/** Text to μ-law audio at 8 kHz (the line's format). */
export interface SpeechSynthesizer {
  synthesize(text: string): Promise<Uint8Array>;
}

/**
 * Remembers the audio of the last `limit` texts: a sandbox callee's sentences ("hello?", "yes", an
 * opt-out) are the same across calls, and each synthesis is a process. A failed synthesis is not kept.
 */
export function cachedSynthesizer(voice: SpeechSynthesizer, limit: number): SpeechSynthesizer {
  const cache = new Map<string, Promise<Uint8Array>>();
  return {
    synthesize(text) {
      const hit = cache.get(text);
      if (hit !== undefined) {
        // Most recently used last, so the oldest is evicted first.
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const audio = voice.synthesize(text);
      cache.set(text, audio);
      audio.catch(() => cache.delete(text));
      while (cache.size > limit) cache.delete(cache.keys().next().value as string);
      return audio;
    },
  };
}
