import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { decodeMulaw, upsampleTo16k } from "@voxbridge/speech/line-audio";
import type { GrammarRecognizer, SpeechRecognizerFactory } from "../../domain/speech-ports";

export type PocketsphinxOptions = {
  /** `pocketsphinx_continuous` (Debian `pocketsphinx`, model from `pocketsphinx-en-us`). */
  binary?: string;
  /** Cepstral mean a call's first recognizer starts from (measured on this line: docs/voice.md). */
  defaultCmnInit: string | null;
  /** Silence frames (10 ms) that end an utterance. */
  postSpeechFrames?: number;
  onError?: (error: Error) => void;
  /** How long a closed recognizer may take to finish decoding before it is killed (its last result is then lost). */
  closeTimeoutMs?: number;
};

/**
 * pocketsphinx as a child process per grammar, fed the call's inbound audio through a pipe (16 kHz
 * PCM, upsampled from the line's 8 kHz μ-law) and printing one line per utterance. A grammar
 * change starts a new process with the cepstral mean the previous one adapted to (read from its
 * log), so normalization carries over as it would in one long-lived decoder.
 */
export function createPocketsphinxRecognizers(options: PocketsphinxOptions): SpeechRecognizerFactory {
  return {
    open(grammar, cmnInit, onUtterance): GrammarRecognizer {
      const dir = mkdtempSync(path.join(tmpdir(), "voxbridge-asr-"));
      const grammarFile = path.join(dir, "grammar.gram");
      const logFile = path.join(dir, "decoder.log");
      writeFileSync(grammarFile, grammar);
      const init = cmnInit ?? options.defaultCmnInit;
      // pocketsphinx opens its input by name, and Node's child stdio are sockets, which cannot be
      // opened as /dev/stdin: `cat` turns the socket into a real pipe. (A named FIFO would block a
      // libuv thread for good on open whenever the decoder died before opening it.)
      const child = spawn(
        "sh",
        [
          "-c",
          'cat | exec "$0" "$@"',
          options.binary ?? "pocketsphinx_continuous",
          "-infile",
          "/dev/stdin",
          "-jsgf",
          grammarFile,
          "-logfn",
          logFile,
          "-vad_postspeech",
          String(options.postSpeechFrames ?? 40),
          ...(init ? ["-cmninit", init] : []),
        ],
        { stdio: ["pipe", "pipe", "ignore"] },
      );
      createInterface({ input: child.stdout }).on("line", (line) => {
        const text = line.trim();
        if (text !== "") onUtterance(text);
      });
      const exited = new Promise<number | null>((resolve) => {
        child.on("error", (error) => {
          options.onError?.(error);
          resolve(-1);
        });
        child.on("exit", (code) => resolve(code));
      });
      const audio = child.stdin;
      audio.on("error", () => undefined);
      let open = true;
      return {
        write(frame) {
          if (open) audio.write(Buffer.from(upsampleTo16k(decodeMulaw(frame)).buffer));
        },
        async close() {
          if (open) {
            open = false;
            audio.end();
          }
          const timer = setTimeout(() => child.kill("SIGKILL"), options.closeTimeoutMs ?? 3_000);
          const code = await exited;
          clearTimeout(timer);
          let lastCmn: string | null = init;
          try {
            const log = readFileSync(logFile, "utf8");
            for (const match of log.matchAll(/Update to\s+<([^>]*)>/g)) if (match[1]) lastCmn = match[1].trim().split(/\s+/).join(",");
            if (code !== 0)
              options.onError?.(
                new Error(
                  `pocketsphinx exited ${code}: ${
                    log
                      .split("\n")
                      .filter((l) => /ERROR|FATAL/.test(l))
                      .slice(-1)[0] ?? ""
                  }`,
                ),
              );
          } catch {
            // No log: the decoder never started; the error was reported above.
          }
          rmSync(dir, { recursive: true, force: true });
          return lastCmn;
        },
      };
    },
  };
}

/**
 * The cepstral mean flite's rms and slt voices settle to on this line (8 kHz μ-law upsampled; the mean of both), measured by
 * `pnpm --filter @voxbridge/bench bench:asr`; pocketsphinx's own default (40,3,-1) suits a microphone.
 */
export const LINE_CMN_INIT = "48.8,9.9,8.3,19.1,3.4,6.7,3.5,3.7,-8.4,3.7,2.0,8.1,1.7";
