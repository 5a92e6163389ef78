// Recognizer accuracy for the local engine, before anything is built on it: scripted callers
// (flite and espeak-ng voices) answer the dialogue's questions through the line's 8 kHz μ-law, and
// the service's own recognizer adapter decodes them with the service's own grammars. Printed as a
// table of answers understood exactly, by voice and by how the recognizer is run:
//   carried   one recognizer per grammar, each starting from the cepstral mean the previous one
//             adapted to, the callee's "hello?" first (what the service does)
//   measured  the same, each call's first recognizer starting from the measured line mean
//             (VOICE_ASR_CMN_INIT), no "hello?"
//   cold      every utterance decoded by a fresh recognizer from pocketsphinx's default mean (the
//             "one short file per word" trial)
// Usage: pnpm --filter @voxbridge/bench bench:asr [calls per voice, default 12]

import { createLocalSynthesizer, type TtsVoice } from "@voxbridge/speech/flite";
import { FRAME_BYTES, MULAW_SILENCE, toFrames } from "@voxbridge/speech/line-audio";
import { numberToWords } from "@voxbridge/speech/number-words";
import { confirmGrammar, greetingGrammar, questionGrammar } from "@voxbridge/voice/domain/answer-grammar";
import type { Question } from "@voxbridge/voice/domain/answer-schema";
import { interpretAnswer } from "@voxbridge/voice/domain/interpret-answer";
import { isOptOut } from "@voxbridge/voice/domain/opt-out";
import { createPocketsphinxRecognizers, LINE_CMN_INIT } from "@voxbridge/voice/speech/pocketsphinx-recognizer";

const CALLS = Number(process.argv[2] ?? 12);
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const QUESTIONS: Question[] = [
  { property: "day", description: "which day", kind: "choice", choices: WEEKDAYS },
  { property: "party_size", description: "how many people", kind: "integer", minimum: 0, maximum: 100 },
  { property: "confirmed", description: "will you come", kind: "yes_no" },
  { property: "slot", description: "which time of day", kind: "choice", choices: ["morning", "afternoon", "evening"] },
  { property: "age", description: "your age", kind: "integer", minimum: 0, maximum: 100 },
];

/** A deterministic pseudo-random sequence, so every run asks the same things. */
function* lcg(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

type Utterance = { grammar: string; said: string; check: (heard: string) => boolean };

function scriptFor(call: number): Utterance[] {
  const random = lcg(call + 1);
  const pick = <T>(items: T[]) => items[Math.floor((random.next().value as number) * items.length)] as T;
  const lines: Utterance[] = [];
  for (const question of QUESTIONS) {
    let value: string | number | boolean;
    let said: string;
    if (question.kind === "choice") {
      value = pick(question.choices);
      said = pick([`${value}`, `it is ${value}`, `${value} please`, `i think ${value}`]);
    } else if (question.kind === "integer") {
      value = Math.floor((random.next().value as number) * 101);
      said = pick([`${numberToWords(value)}`, `we will be ${numberToWords(value)} people`, `it's ${numberToWords(value)}`]);
    } else {
      value = (random.next().value as number) < 0.5;
      said = value ? pick(["yes", "yes please"]) : pick(["no", "no it isn't"]);
    }
    const expected = value;
    lines.push({ grammar: questionGrammar(question), said, check: (heard) => interpretAnswer(question, heard) === expected });
    const yes = (random.next().value as number) < 0.8;
    lines.push({
      grammar: confirmGrammar(),
      said: yes ? "yes" : "no",
      check: (heard) => interpretAnswer({ ...question, kind: "yes_no" }, heard) === yes,
    });
  }
  // Every grammar holds the opt-out phrases: one per call, in a question's grammar.
  const optOut = pick(["stop calling me", "don't call me again", "remove me from your list"]);
  lines.push({ grammar: questionGrammar(pick(QUESTIONS)), said: optOut, check: isOptOut });
  return lines;
}

const silence = (ms: number) => new Uint8Array((ms / 20) * FRAME_BYTES).fill(MULAW_SILENCE);

async function decode(audio: Uint8Array[], grammar: string, cmn: string | null, factory: ReturnType<typeof createPocketsphinxRecognizers>) {
  const heard: string[] = [];
  const recognizer = factory.open(grammar, cmn, (text) => heard.push(text));
  for (const chunk of audio) for (const frame of toFrames(chunk)) recognizer.write(frame);
  const next = await recognizer.close();
  return { heard: heard.join(" "), cmn: next };
}

async function run(voice: TtsVoice, mode: "carried" | "measured" | "cold") {
  const tts = createLocalSynthesizer(voice);
  // A generous close timeout: on a busy machine the decoder may still be loading its model when the
  // bench closes its input, and a killed decoder would count as a miss that is not the recognizer's.
  const factory = createPocketsphinxRecognizers({ defaultCmnInit: mode === "measured" ? LINE_CMN_INIT : null, closeTimeoutMs: 60_000 });
  let right = 0;
  let total = 0;
  let firstRight = 0;
  let cmnSeen: string | null = null;
  for (let call = 0; call < CALLS; call++) {
    let cmn: string | null = null;
    if (mode === "carried") {
      const hello = await decode([silence(300), await tts.synthesize("hello?"), silence(900)], greetingGrammar(), null, factory);
      cmn = hello.cmn;
    }
    const script = scriptFor(call);
    for (const [i, line] of script.entries()) {
      const result = await decode(
        [silence(300), await tts.synthesize(line.said), silence(900)],
        line.grammar,
        mode === "cold" ? null : cmn,
        factory,
      );
      if (mode !== "cold") cmn = result.cmn;
      const ok = line.check(result.heard);
      right += ok ? 1 : 0;
      total += 1;
      if (i === 0) firstRight += ok ? 1 : 0;
      if (!ok && process.env.VERBOSE) console.error(`  ${voice.voice}/${mode}: said "${line.said}", heard "${result.heard}"`);
    }
    cmnSeen = cmn;
  }
  return { right, total, firstRight, cmnSeen };
}

async function main() {
  const voices: TtsVoice[] = [
    { engine: "flite", voice: "rms" },
    { engine: "flite", voice: "slt" },
    { engine: "espeak-ng", voice: "en-us" },
  ];
  const rows: string[] = [];
  for (const voice of voices) {
    for (const mode of ["carried", "measured", "cold"] as const) {
      const started = Date.now();
      const r = await run(voice, mode);
      rows.push(
        `| ${voice.engine} ${voice.voice} | ${mode} | ${r.right}/${r.total} (${((100 * r.right) / r.total).toFixed(1)} %) | ${r.firstRight}/${CALLS} | ${((Date.now() - started) / 1000).toFixed(0)} s |`,
      );
      console.error(rows.at(-1), mode === "carried" ? `adapted mean: ${r.cmnSeen}` : "");
    }
  }
  console.log(
    `recognizer accuracy, ${CALLS} scripted calls per voice, ${scriptFor(0).length} utterances each (answers, confirmations, one opt-out)`,
  );
  console.log("| callee voice | recognizer run | understood exactly | first answer of a call | time |\n| --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
