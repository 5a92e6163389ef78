import { INTERRUPT_AFTER_AGENT_FRAMES, OPT_OUT_SENTENCE, ScriptedCallee } from "./callee-script";

describe("the scripted callee", () => {
  it("answers hello at pickup, says each answer when asked, confirms what was heard right and denies what was not", () => {
    const callee = new ScriptedCallee({ answers: { day: "tuesday", people: 4, reminder: true } });
    expect(callee.atPickup()).toEqual([{ say: "hello?" }]);
    expect(callee.markPlayed("opening")).toEqual([]);
    expect(callee.markPlayed("ask:day")).toEqual([{ say: "it is tuesday" }]);
    expect(callee.markPlayed("confirm:day:tuesday")).toEqual([{ say: "yes" }]);
    expect(callee.markPlayed("ask:people")).toEqual([{ say: "four" }]);
    expect(callee.markPlayed("confirm:people:14")).toEqual([{ say: "no" }]);
    expect(callee.markPlayed("ask:reminder")).toEqual([{ say: "it is yes" }]);
    expect(callee.markPlayed("ask:unscripted")).toEqual([]);
    expect(callee.markPlayed("close")).toEqual([]);
  });

  it("answers a second ask on the keypad", () => {
    const callee = new ScriptedCallee({ answers: { people: 42, reminder: false, day: "monday" } });
    for (const property of ["people", "reminder", "day"]) callee.markPlayed(`ask:${property}`);
    expect(["people", "reminder", "day"].flatMap((p) => callee.markPlayed(`ask:${p}`))).toEqual([
      { press: "42#" },
      { press: "2" },
      { press: "1" },
    ]);
  });

  it("lists every sentence it may say, so they are synthesized before the call", () => {
    expect(new ScriptedCallee({ answers: { people: 42, day: "monday" }, interrupts: true }).sentences().sort()).toEqual(
      ["hello?", "who is this", "yes", "no", "forty two", "it is monday"].sort(),
    );
    expect(new ScriptedCallee({ silent: true, answers: { day: "monday" } }).sentences()).toEqual([]);
    // Numbers it cannot say as words are said as written.
    expect(new ScriptedCallee({ answers: { price: 2.5 } }).markPlayed("ask:price")).toEqual([{ say: "2.5" }]);
  });

  it("asks not to be called again at pickup, and once more if the agent goes on, whatever it is asked", () => {
    const callee = new ScriptedCallee({ opt_out: true, answers: { day: "monday" } });
    expect(callee.atPickup()).toEqual([{ say: OPT_OUT_SENTENCE }]);
    expect(callee.markPlayed("opening")).toEqual([{ say: OPT_OUT_SENTENCE }]);
    expect(callee.markPlayed("ask:day")).toEqual([]);
    expect(new ScriptedCallee({ opt_out: true }).markPlayed("ask:day")).toEqual([{ say: OPT_OUT_SENTENCE }]);
  });

  it("talks over the agent's first sentence once, after a counted number of its frames", () => {
    const callee = new ScriptedCallee({ interrupts: true });
    expect(callee.agentFrameHeard(INTERRUPT_AFTER_AGENT_FRAMES - 1)).toEqual([]);
    expect(callee.agentFrameHeard(INTERRUPT_AFTER_AGENT_FRAMES)).toEqual([{ say: "who is this" }]);
    expect(callee.agentFrameHeard(INTERRUPT_AFTER_AGENT_FRAMES + 1)).toEqual([]);
    expect(new ScriptedCallee({}).agentFrameHeard(INTERRUPT_AFTER_AGENT_FRAMES)).toEqual([]);
  });

  it("says its replies one by one after a realtime agent's replies (opening, reply:<n>), and nothing after the last", () => {
    const callee = new ScriptedCallee({ replies: ["which clinic", "thanks"] });
    expect(callee.sentences().sort()).toEqual(["hello?", "thanks", "which clinic"]);
    expect(callee.markPlayed("opening")).toEqual([{ say: "which clinic" }]);
    expect(callee.markPlayed("ask:day")).toEqual([]);
    expect(callee.markPlayed("reply:2")).toEqual([{ say: "thanks" }]);
    expect(callee.markPlayed("reply:3")).toEqual([]);
  });

  it("says nothing at all when silent", () => {
    const callee = new ScriptedCallee({ silent: true, interrupts: true, opt_out: true, answers: { day: "monday" } });
    expect([
      ...callee.atPickup(),
      ...callee.markPlayed("opening"),
      ...callee.markPlayed("ask:day"),
      ...callee.agentFrameHeard(INTERRUPT_AFTER_AGENT_FRAMES),
    ]).toEqual([]);
  });
});
