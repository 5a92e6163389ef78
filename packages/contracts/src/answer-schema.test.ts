import { CreateAgentRequest } from "./agent";
import { AnswerSchema } from "./answer-schema";

const valid = {
  type: "object",
  properties: {
    day: { type: "string", enum: ["monday", "tuesday"], description: "Which day suits them" },
    name: { type: "string", description: "Their name" },
    people: { type: "integer", description: "How many people" },
    budget: { type: "number", description: "Their budget" },
    reminder: { type: "boolean", description: "Whether to send a reminder" },
  },
  required: ["day", "people"],
};

const firstProblem = (schema: unknown) => {
  const result = AnswerSchema.safeParse(schema);
  expect(result.success).toBe(false);
  return result.error?.issues[0]?.path.join(".");
};

describe("AnswerSchema", () => {
  it("accepts the supported subset: string (with or without enum), boolean, integer, number, each described, and required", () => {
    expect(AnswerSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ["a type other than object", { ...valid, type: "array" }, "type"],
    [
      "a property of an unsupported type",
      { type: "object", properties: { when: { type: "array", description: "d" } } },
      "properties.when.type",
    ],
    ["a property without a description", { type: "object", properties: { day: { type: "string" } } }, "properties.day.description"],
    ["an empty description", { type: "object", properties: { day: { type: "boolean", description: " " } } }, "properties.day.description"],
    [
      "an unsupported keyword on a property",
      { type: "object", properties: { n: { type: "integer", description: "d", format: "x" } } },
      "properties.n",
    ],
    ["an enum on a boolean", { type: "object", properties: { b: { type: "boolean", description: "d", enum: ["yes"] } } }, "properties.b"],
    ["an empty enum", { type: "object", properties: { d: { type: "string", description: "d", enum: [] } } }, "properties.d.enum"],
    [
      "an enum with a repeated value",
      { type: "object", properties: { d: { type: "string", description: "d", enum: ["a", "A"] } } },
      "properties.d.enum",
    ],
    ["a required name that is not a property", { ...valid, required: ["day", "nope"] }, "required.1"],
    ["a name required twice", { ...valid, required: ["day", "day"] }, "required.1"],
    ["no properties", { type: "object", properties: {} }, "properties"],
    [
      "a property name with a space",
      { type: "object", properties: { "bad name": { type: "boolean", description: "d" } } },
      "properties.bad name",
    ],
    ["an unknown top-level keyword", { ...valid, $ref: "#/x" }, ""],
  ])("refuses %s, naming the offending path", (_what, schema, path) => {
    expect(firstProblem(schema)).toBe(path);
  });

  it("names the path under answer_schema in an agent body", () => {
    const result = CreateAgentRequest.safeParse({
      name: "a",
      system_prompt: "p",
      answer_schema: { type: "object", properties: { day: { type: "string" } } },
    });
    expect(result.error?.issues[0]?.path.join(".")).toBe("answer_schema.properties.day.description");
  });
});
