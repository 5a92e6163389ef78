import { numberToWords, SPOKEN_NUMBERS, wordsToNumber } from "./number-words";

describe("spoken numbers", () => {
  it("says 0 to 100 in words and reads them back", () => {
    expect([0, 7, 13, 20, 42, 99, 100].map(numberToWords)).toEqual([
      "zero",
      "seven",
      "thirteen",
      "twenty",
      "forty two",
      "ninety nine",
      "one hundred",
    ]);
    for (let n = 0; n <= 100; n++) expect(wordsToNumber(numberToWords(n))).toBe(n);
    expect(wordsToNumber("a hundred")).toBe(100);
  });

  it("refuses what it cannot say", () => {
    expect(() => numberToWords(101)).toThrow(RangeError);
    expect(() => numberToWords(2.5)).toThrow(RangeError);
  });

  it("lists the longest forms first, so twenty one wins over twenty", () => {
    expect(SPOKEN_NUMBERS.indexOf("twenty one")).toBeLessThan(SPOKEN_NUMBERS.indexOf("twenty"));
  });
});
