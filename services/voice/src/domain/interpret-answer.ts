import { SPOKEN_NUMBERS, wordsToNumber } from "@voxbridge/speech/number-words";
import { candidatesOf } from "./answer-grammar";
import type { Question } from "./answer-schema";
import { normalize } from "./opt-out";

/**
 * What a recognized utterance answers to a question: the candidate it contains (longest first, so
 * "twenty one" is not read as "twenty"), or nothing. The recognizer was constrained to the
 * candidates, so this only strips the carrier words around one.
 */
export function interpretAnswer(question: Question, heard: string): string | number | boolean | undefined {
  const padded = ` ${normalize(heard)} `;
  const contains = (phrase: string) => padded.includes(` ${phrase} `);
  switch (question.kind) {
    case "yes_no": {
      const yes = ["yes", "yeah", "correct", "right"].some(contains);
      const no = ["no", "nope", "not", "wrong"].some(contains);
      return yes === no ? undefined : yes;
    }
    case "integer": {
      const phrase = SPOKEN_NUMBERS.find(contains);
      const n = phrase === undefined ? undefined : wordsToNumber(phrase);
      return n !== undefined && n >= question.minimum && n <= question.maximum ? n : undefined;
    }
    case "choice": {
      const spoken = candidatesOf(question);
      const byLength = spoken.map((form, i) => ({ form, i })).sort((a, b) => b.form.length - a.form.length);
      const hit = byLength.find(({ form }) => contains(form));
      if (hit === undefined) return undefined;
      // Map the spoken form back to the schema's own value (same order as candidatesOf, duplicates removed).
      return question.choices.find((choice) => candidatesOf({ ...question, choices: [choice] })[0] === hit.form);
    }
  }
}

/**
 * An answer keyed on the phone: for a choice, its number in the list (1 for the first); for yes/no,
 * 1 yes and 2 no; for an integer, the digits typed before `#`.
 */
export function interpretKeypad(question: Question, keys: string): string | number | boolean | undefined {
  switch (question.kind) {
    case "yes_no":
      return keys === "1" ? true : keys === "2" ? false : undefined;
    case "choice": {
      const index = Number(keys) - 1;
      return /^\d$/.test(keys) ? question.choices[index] : undefined;
    }
    case "integer": {
      if (!/^\d{1,3}$/.test(keys)) return undefined;
      const n = Number(keys);
      return n >= question.minimum && n <= question.maximum ? n : undefined;
    }
  }
}
