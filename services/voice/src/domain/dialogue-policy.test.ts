import {
  type AgentScript,
  DEFAULT_GREETING,
  decide,
  initialPolicyState,
  type PolicyAction,
  type PolicyInput,
  type PolicyState,
} from "./dialogue-policy";

const script: AgentScript = {
  disclosure: "This call is recorded.",
  firstMessage: "Hi Ana.",
  voicemailMessage: "Please call us back.",
  answerSchema: {
    type: "object",
    properties: {
      day: { type: "string", enum: ["monday", "thursday"], description: "Which day suits you" },
      party_size: { type: "integer", description: "How many people will come" },
      reminder: { type: "boolean", description: "Do you want a reminder" },
      notes: { type: "string", description: "Anything else" },
    },
    required: ["reminder"],
  },
};

/** Runs inputs through the policy and returns the final state and every action taken. */
function run(inputs: PolicyInput[], s: AgentScript = script): { state: PolicyState; actions: PolicyAction[] } {
  let state = initialPolicyState(s);
  const actions: PolicyAction[] = [];
  for (const input of inputs) {
    const step = decide(state, input, s);
    state = step.state;
    actions.push(...step.actions);
  }
  return { state, actions };
}
const marks = (actions: PolicyAction[]) => actions.map((a) => (a.type === "say" ? a.mark : `hang_up:${a.outcome}`));
const said = (actions: PolicyAction[]) => actions.flatMap((a) => (a.type === "say" ? [a.text] : []));

describe("dialogue policy", () => {
  it("waits for the callee's hello, then says the disclosure and first message, then asks required properties first", () => {
    const { actions } = run([{ type: "start" }, { type: "heard", text: "hello" }, { type: "played", mark: "opening" }]);
    expect(marks(actions)).toEqual(["opening", "ask:reminder"]);
    expect(said(actions)[0]).toBe("This call is recorded. Hi Ana.");
    expect(said(actions)[1]).toMatch(/^Do you want a reminder\? Please say yes or no/);
  });

  it("confirms what it heard, stores it once confirmed, and closes when every askable property is answered (free text is not asked)", () => {
    const { state, actions } = run([
      { type: "heard_nothing" },
      { type: "played", mark: "opening" },
      { type: "heard", text: "yes please" },
      { type: "heard", text: "yes" },
      { type: "heard", text: "it is thursday" },
      { type: "heard", text: "yes" },
      { type: "heard", text: "we will be forty two people" },
      { type: "heard", text: "correct" },
      { type: "played", mark: "close" },
    ]);
    expect(marks(actions)).toEqual([
      "opening",
      "ask:reminder",
      "confirm:reminder:true",
      "ask:day",
      "confirm:day:thursday",
      "ask:party_size",
      "confirm:party_size:42",
      "close",
      "hang_up:talked",
    ]);
    expect(state.answers).toEqual({ reminder: true, day: "thursday", party_size: 42 });
  });

  it("re-asks once when it did not understand or was told no, then moves on without an answer", () => {
    const { state, actions } = run([
      { type: "heard_nothing" },
      { type: "played", mark: "opening" },
      { type: "heard_nothing" },
      { type: "heard", text: "yes" },
      { type: "heard", text: "no" },
    ]);
    expect(marks(actions)).toEqual(["opening", "ask:reminder", "ask:reminder", "confirm:reminder:true", "ask:day"]);
    expect(said(actions)[2]).toMatch(/^Sorry, I did not catch that\./);
    expect(said(actions)[4]).toMatch(/^Sorry, let us move on\./);
    expect(state.answers).toEqual({});
  });

  it("takes keys as an answer without a confirmation", () => {
    const { state, actions } = run([
      { type: "heard_nothing" },
      { type: "played", mark: "opening" },
      { type: "keys", keys: "2" },
      { type: "keys", keys: "2" },
    ]);
    expect(marks(actions)).toEqual(["opening", "ask:reminder", "ask:day", "ask:party_size"]);
    expect(state.answers).toEqual({ reminder: false, day: "thursday" });
  });

  it("hears an opt-out at any point, acknowledges it, and hangs up only once the acknowledgement was played", () => {
    const { actions } = run([
      { type: "heard_nothing" },
      { type: "played", mark: "opening" },
      { type: "heard", text: "please stop calling me" },
      { type: "played", mark: "ask:reminder" },
      { type: "played", mark: "opt_out" },
    ]);
    expect(marks(actions)).toEqual(["opening", "ask:reminder", "opt_out", "hang_up:opt_out"]);
    expect(said(actions)[2]).toBe("Understood. We will not call you again. Goodbye.");
  });

  it("closes politely when time is up", () => {
    const { actions } = run([{ type: "heard_nothing" }, { type: "time_up" }, { type: "played", mark: "close" }]);
    expect(marks(actions)).toEqual(["opening", "close", "hang_up:talked"]);
  });

  it("leaves the voicemail message on a machine verdict, with no answers", () => {
    const { state, actions } = run([
      { type: "heard_nothing" },
      { type: "played", mark: "opening" },
      { type: "keys", keys: "1" },
      { type: "machine" },
      { type: "played", mark: "voicemail" },
    ]);
    expect(marks(actions).slice(-2)).toEqual(["voicemail", "hang_up:voicemail_left"]);
    expect(state.answers).toEqual({});
  });

  it("closes at once with a short line when the call is canceled, keeping the answers so far, and only once", () => {
    const { state, actions } = run([
      { type: "heard_nothing" },
      { type: "played", mark: "opening" },
      { type: "keys", keys: "1" },
      { type: "cancel" },
      { type: "cancel" },
      { type: "played", mark: "close" },
    ]);
    expect(marks(actions).slice(-2)).toEqual(["close", "hang_up:talked"]);
    expect(said(actions).at(-1)).toBe("I am sorry, I have to end this call now. Thank you, goodbye.");
    expect(Object.keys(state.answers)).toHaveLength(1);
  });

  it("asks nothing without a schema: the opening, a reply, then a close that does not claim answers", () => {
    const { actions } = run(
      [
        { type: "heard", text: "hello" },
        { type: "played", mark: "opening" },
        { type: "played", mark: "close" },
      ],
      { ...script, answerSchema: null },
    );
    expect(marks(actions)).toEqual(["opening", "close", "hang_up:talked"]);
    expect(said(actions)).toEqual(["This call is recorded. Hi Ana.", "Thank you for your time. Goodbye."]);
  });

  it("greets with a line of its own when the agent has no first message, so the callee hears who calls", () => {
    const { actions } = run([{ type: "heard", text: "hello" }], { ...script, firstMessage: null });
    expect(said(actions)).toEqual([`This call is recorded. ${DEFAULT_GREETING}`]);
    const unrecorded = run([{ type: "heard", text: "hello" }], { ...script, disclosure: null, firstMessage: "  " });
    expect(said(unrecorded.actions)).toEqual([DEFAULT_GREETING]);
  });

  it("gives the same actions for the same inputs (a scripted call repeats)", () => {
    const inputs: PolicyInput[] = [
      { type: "heard_nothing" },
      { type: "played", mark: "opening" },
      { type: "heard", text: "no" },
      { type: "heard", text: "yes" },
    ];
    expect(run(inputs)).toEqual(run(inputs));
  });
});
