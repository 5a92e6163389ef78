/** Text to μ-law audio at 8 kHz (the line's format). */
export interface SpeechSynthesizer {
  synthesize(text: string): Promise<Uint8Array>;
}
