import { checkCallNumbers } from "./call-numbers";

const none = new Set<string>();

describe("checkCallNumbers", () => {
  it("normalizes both numbers to E.164", () => {
    expect(checkCallNumbers({ to: "(555) 123-4567", from: "+1 555 000 1111" }, { liveTelephony: true, unread: none })).toEqual({
      to: "+15551234567",
      from: "+15550001111",
      problems: [],
    });
  });

  it("names every problem at once: a bad to, a bad from", () => {
    expect(checkCallNumbers({ to: "1", from: "call-me" }, { liveTelephony: false, unread: none }).problems).toEqual([
      { param: "to", message: "not a possible phone number" },
      { param: "from", message: "not a possible phone number" },
    ]);
  });

  it("requires from with live telephony only, and takes null as absent", () => {
    expect(checkCallNumbers({ to: "1", from: null }, { liveTelephony: true, unread: none }).problems).toEqual([
      { param: "to", message: "not a possible phone number" },
      { param: "from", message: "required once live telephony is enabled" },
    ]);
    expect(checkCallNumbers({ to: "+15551234567", from: undefined }, { liveTelephony: false, unread: none })).toEqual({
      to: "+15551234567",
      from: null,
      problems: [],
    });
  });

  it("leaves a field the schema already refused (or that is not text) to the schema's message", () => {
    expect(checkCallNumbers({ to: "x".repeat(40), from: 5 }, { liveTelephony: false, unread: new Set(["to", "from"]) }).problems).toEqual(
      [],
    );
    expect(checkCallNumbers({ to: 15551234567, from: undefined }, { liveTelephony: false, unread: none }).problems).toEqual([]);
  });
});
