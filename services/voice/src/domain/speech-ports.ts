/**
 * One recognizer listening with one grammar. It is fed every inbound frame (8 kHz μ-law) and
 * reports each utterance it decodes. `close` ends it and returns the cepstral mean it had adapted
 * to, which the next recognizer of the same call starts from, so the line's normalization carries
 * over from question to question instead of starting cold.
 */
export interface GrammarRecognizer {
  write(mulawFrame: Uint8Array): void;
  close(): Promise<string | null>;
}

export interface SpeechRecognizerFactory {
  /** Starts a recognizer for a JSGF grammar; `cmnInit` from the call's previous recognizer, or the measured line default. */
  open(grammar: string, cmnInit: string | null, onUtterance: (text: string) => void): GrammarRecognizer;
}
