import { numberToWords } from "@voxbridge/speech/number-words";
import type { Question } from "./answer-schema";
import { normalize, OPT_OUT_PHRASES } from "./opt-out";

/**
 * JSGF grammars for the recognizer, one per thing the agent listens for. Constraining recognition
 * to the question's candidates is what makes a small acoustic model right (docs/voice.md, the bench
 * table); the opt-out phrases are in every grammar so that an opt-out is always heard.
 */
const LEAD_INS = [
  "it is",
  "it's",
  "that is",
  "that's",
  "i think",
  "i would say",
  "we will be",
  "we are",
  "i am",
  "um",
  "uh",
  "my answer is",
];
const TAILS = ["please", "thanks", "thank you", "people", "of us", "i think"];

/** What a spoken candidate is, as words the recognizer's dictionary can hold. */
export const spokenForm = (value: string): string =>
  normalize(
    value.replace(/[_-]+/g, " ").replace(/\d+/g, (digits) => (Number(digits) <= 100 ? ` ${numberToWords(Number(digits))} ` : digits)),
  );

export function candidatesOf(question: Question): string[] {
  switch (question.kind) {
    case "choice":
      return [...new Set(question.choices.map(spokenForm).filter((c) => c.length > 0))];
    case "yes_no":
      return YES_NO;
    case "integer": {
      const words: string[] = [];
      for (let n = question.minimum; n <= question.maximum; n++) words.push(numberToWords(n));
      if (question.maximum === 100) words.push("a hundred");
      return words;
    }
  }
}

const YES_NO = ["yes", "yeah", "yes please", "correct", "that's right", "right", "no", "nope", "no it isn't", "not really", "wrong"];
const GREETINGS = ["hello", "hi", "yes", "speaking", "who is this"];

const alternatives = (phrases: readonly string[]) => phrases.map((p) => p.replaceAll("'", "'")).join(" | ");

function grammar(name: string, answers: readonly string[], withCarrier: boolean): string {
  const body = withCarrier
    ? `[${alternatives(LEAD_INS)}] (${alternatives(answers)}) [${alternatives(TAILS)}]`
    : `(${alternatives(answers)})`;
  return [
    "#JSGF V1.0;",
    `grammar ${name};`,
    `public <utterance> = <answer> | <opt_out>;`,
    `<answer> = ${body};`,
    `<opt_out> = ${alternatives(OPT_OUT_PHRASES)};`,
    "",
  ].join("\n");
}

/** While asking a question: its candidates in carrier phrases ("it is thursday", "we will be seven people"). */
export const questionGrammar = (question: Question) => grammar("question", candidatesOf(question), true);
/** While confirming an answer: yes or no. */
export const confirmGrammar = () => grammar("confirm", YES_NO, false);
/** While greeting: the callee's "hello?" (which also adapts the recognizer to the line). */
export const greetingGrammar = () => grammar("greeting", GREETINGS, false);

/** Which of the yes/no words mean yes. */
export const isYes = (heard: string) =>
  ["yes", "yeah", "correct", "right"].some((w) => normalize(heard).split(" ").includes(w)) && !isNo(heard);
export const isNo = (heard: string) => ["no", "nope", "not", "wrong", "isn't"].some((w) => normalize(heard).split(" ").includes(w));
