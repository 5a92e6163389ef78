import { renderSystemPrompt } from "./render-prompt";

describe("renderSystemPrompt", () => {
  it("fills {{variables}} from the call's context, with or without spaces", () => {
    expect(renderSystemPrompt("Hi {{name}}, about {{ topic }}.", { name: "Ada", topic: "your order" })).toEqual({
      prompt: "Hi Ada, about your order.",
      missing: [],
    });
  });

  it("writes numbers, booleans and objects as JSON and reads dotted paths", () => {
    const context = { n: 3, ok: true, customer: { name: "Bo", tags: ["a"] } };
    expect(renderSystemPrompt("{{n}} {{ok}} {{customer.name}} {{customer.tags}}", context).prompt).toBe('3 true Bo ["a"]');
  });

  it("leaves unknown placeholders empty and reports them", () => {
    expect(renderSystemPrompt("Dear {{name}}{{missing}}!", { name: "Cy" })).toEqual({ prompt: "Dear Cy!", missing: ["missing"] });
    expect(renderSystemPrompt("x {{a}}", null)).toEqual({ prompt: "x ", missing: ["a"] });
  });

  it("does not read inherited properties", () => {
    expect(renderSystemPrompt("{{constructor}}{{toString}}", {}).prompt).toBe("");
  });

  it("leaves text that is not a placeholder alone", () => {
    expect(renderSystemPrompt("{single} {{ two words }} {{}}", { single: "x" }).prompt).toBe("{single} {{ two words }} {{}}");
  });
});
