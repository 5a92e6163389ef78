import { renderAgentTemplate } from "./agent-template";

describe("renderAgentTemplate", () => {
  it("fills {{client_name}} from the call's client_name and other names from its context", () => {
    const { text, missing } = renderAgentTemplate("Hi {{client_name}}, about loan {{ reference_number }}.", {
      client_name: "Jane Doe",
      context: { reference_number: "398690" },
    });
    expect(text).toBe("Hi Jane Doe, about loan 398690.");
    expect(missing).toEqual([]);
  });

  it("prefers the call's client_name over a context value of the same name, and falls back to the context", () => {
    expect(renderAgentTemplate("{{client_name}}", { client_name: "Jane", context: { client_name: "Other" } }).text).toBe("Jane");
    expect(renderAgentTemplate("{{client_name}}", { client_name: null, context: { client_name: "Ctx" } }).text).toBe("Ctx");
  });

  it("reads dotted names from nested objects and writes non-strings as JSON", () => {
    const values = { client_name: null, context: { customer: { tier: "gold", visits: 3 }, tags: ["a"] } };
    expect(renderAgentTemplate("{{customer.tier}} {{customer.visits}} {{tags}}", values).text).toBe('gold 3 ["a"]');
  });

  it("leaves a placeholder without a value empty and reports it", () => {
    expect(renderAgentTemplate("Hello {{client_name}}{{x}}!", { client_name: null, context: null })).toEqual({
      text: "Hello !",
      missing: ["client_name", "x"],
    });
  });
});
