import { extractionRequest, missingRequired } from "./openai-extraction";

const schema = {
  type: "object" as const,
  properties: {
    day: { type: "string" as const, enum: ["monday", "thursday"], description: "Which day" },
    party_size: { type: "integer" as const, description: "How many" },
    reminder: { type: "boolean" as const, description: "A reminder?" },
  },
  required: ["day", "party_size"],
};

describe("the post-call extraction", () => {
  it("is for required answers the call left missing only", () => {
    expect(missingRequired(schema, { party_size: 4 })).toEqual(["day"]);
    expect(missingRequired(schema, null)).toEqual(["day", "party_size"]);
    expect(missingRequired(schema, { day: "monday", party_size: 2 })).toEqual([]);
    expect(missingRequired(null, null)).toEqual([]);
  });

  it("asks for a strict JSON-schema output of just those, each nullable, over the transcript in order", () => {
    const request = extractionRequest(
      "gpt-4o-mini",
      schema,
      ["day", "party_size"],
      [
        { speaker: "callee", text: "thursday", attempt: 1, start_ms: 3000, end_ms: 3500 },
        { speaker: "agent", text: "Which day?", attempt: 1, start_ms: 1000, end_ms: 2000 },
      ],
    );
    expect(request.messages[1]).toEqual({ role: "user", content: "agent: Which day?\ncallee: thursday" });
    expect(request.response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "answers",
        strict: true,
        schema: {
          type: "object",
          properties: {
            day: { type: ["string", "null"], enum: ["monday", "thursday", null], description: "Which day" },
            party_size: { type: ["integer", "null"], description: "How many" },
          },
          required: ["day", "party_size"],
          additionalProperties: false,
        },
      },
    });
  });
});
