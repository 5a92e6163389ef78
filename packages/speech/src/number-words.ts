const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** The largest integer the local engine asks for and recognizes by voice. */
export const LARGEST_SPOKEN_INTEGER = 100;

/** 0 to 100 as spoken: "forty two", "one hundred". */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > LARGEST_SPOKEN_INTEGER) throw new RangeError(`${n} is outside 0..${LARGEST_SPOKEN_INTEGER}`);
  if (n === 100) return "one hundred";
  if (n < 20) return ONES[n] as string;
  const tens = TENS[Math.floor(n / 10)] as string;
  return n % 10 === 0 ? tens : `${tens} ${ONES[n % 10]}`;
}

const spoken = new Map<string, number>();
for (let n = 0; n <= LARGEST_SPOKEN_INTEGER; n++) spoken.set(numberToWords(n), n);
spoken.set("a hundred", 100);
spoken.set("oh", 0);

/** Every spoken form the recognizer may return, longest first so "twenty one" wins over "twenty". */
export const SPOKEN_NUMBERS = [...spoken.keys()].sort((a, b) => b.length - a.length);

/** The integer a run of words says, if it says one. */
export const wordsToNumber = (words: string): number | undefined => spoken.get(words);
