import { AnswerSchema } from "@voxbridge/contracts";
import { answerSchemaProblems, scriptedAnswerProblems } from "./answer-schema-check";

const schema = AnswerSchema.parse({
  type: "object",
  properties: {
    day: { type: "string", enum: ["monday", "tuesday"], description: "Which day" },
    people: { type: "integer", description: "How many" },
    ok: { type: "boolean", description: "Whether it suits" },
  },
  required: ["day"],
});

describe("answerSchemaProblems", () => {
  it("finds none in a schema of the supported subset: it compiles as JSON Schema", () => {
    expect(answerSchemaProblems(schema)).toEqual([]);
  });
});

describe("scriptedAnswerProblems", () => {
  it("accepts answers of the right types, not all required ones needed", () => {
    expect(scriptedAnswerProblems(schema, { people: 4, ok: false })).toEqual([]);
    expect(scriptedAnswerProblems(schema, { day: "tuesday" })).toEqual([]);
  });

  it("names each answer the agent cannot take", () => {
    expect(
      scriptedAnswerProblems(schema, { day: "sunday", people: 2.5, age: 3 })
        .map((problem) => problem.param)
        .sort(),
    ).toEqual(["simulated_callee.answers.age", "simulated_callee.answers.day", "simulated_callee.answers.people"]);
  });

  it("refuses answers for an agent that asks nothing, and takes an empty script", () => {
    expect(scriptedAnswerProblems(null, { day: "monday" })).toEqual([
      { param: "simulated_callee.answers", message: "the agent has no answer_schema, so it asks for nothing" },
    ]);
    expect(scriptedAnswerProblems(null, {})).toEqual([]);
  });
});
