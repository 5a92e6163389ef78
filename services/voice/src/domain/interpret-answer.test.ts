import { numberToWords, wordsToNumber } from "@voxbridge/speech/number-words";
import { candidatesOf, questionGrammar, spokenForm } from "./answer-grammar";
import { questionsOf } from "./answer-schema";
import { interpretAnswer, interpretKeypad } from "./interpret-answer";
import { isOptOut, OPT_OUT_PHRASES } from "./opt-out";

const day = { property: "day", description: "d", kind: "choice" as const, choices: ["Monday", "late_evening", "2 weeks"] };
const size = { property: "size", description: "d", kind: "integer" as const, minimum: 0, maximum: 100 };
const yesNo = { property: "ok", description: "d", kind: "yes_no" as const };

describe("answers heard", () => {
  it("finds the candidate inside a carrier phrase, longest first", () => {
    expect(interpretAnswer(day, "it is monday please")).toBe("Monday");
    expect(interpretAnswer(day, "late evening")).toBe("late_evening");
    expect(interpretAnswer(day, "two weeks")).toBe("2 weeks");
    expect(interpretAnswer(size, "we will be twenty one people")).toBe(21);
    expect(interpretAnswer(size, "a hundred")).toBe(100);
    expect(interpretAnswer(yesNo, "no it isn't")).toBe(false);
    expect(interpretAnswer(yesNo, "yes please")).toBe(true);
  });

  it("is unsure rather than guessing", () => {
    expect(interpretAnswer(day, "tuesday")).toBeUndefined();
    expect(interpretAnswer(yesNo, "yes no")).toBeUndefined();
    expect(interpretAnswer({ ...size, maximum: 10 }, "eleven")).toBeUndefined();
  });

  it("reads keys: a choice's position, 1 yes and 2 no, digits for a number", () => {
    expect(interpretKeypad(day, "2")).toBe("late_evening");
    expect(interpretKeypad(day, "9")).toBeUndefined();
    expect(interpretKeypad(yesNo, "2")).toBe(false);
    expect(interpretKeypad(size, "42")).toBe(42);
    expect(interpretKeypad(size, "420")).toBeUndefined();
  });

  it("says every integer 0 to 100 and reads it back", () => {
    for (let n = 0; n <= 100; n++) expect(wordsToNumber(numberToWords(n))).toBe(n);
  });

  it("hears every opt-out phrase in any question's grammar", () => {
    for (const phrase of OPT_OUT_PHRASES) {
      expect(isOptOut(`well ${phrase}`)).toBe(true);
      expect(questionGrammar(size)).toContain(phrase);
    }
    expect(isOptOut("call me on monday")).toBe(false);
  });

  it("constrains the grammar to the question's candidates", () => {
    expect(candidatesOf(day)).toEqual(["monday", "late evening", "two weeks"]);
    expect(spokenForm("Late-Evening")).toBe("late evening");
    expect(questionGrammar(day)).toContain("(monday | late evening | two weeks)");
  });

  it("asks enums, yes/no and integers from a schema, required first, and leaves free text out", () => {
    const questions = questionsOf({
      type: "object",
      properties: {
        notes: { type: "string", description: "Notes" },
        day: { type: "string", enum: ["a", "b"], description: "Day" },
        ok: { type: "boolean", description: "OK" },
        n: { type: "number", description: "N" },
      },
      required: ["ok"],
    });
    expect(questions.map((q) => [q.property, q.kind])).toEqual([
      ["ok", "yes_no"],
      ["day", "choice"],
      ["n", "integer"],
    ]);
  });
});
