import { normalizePhoneNumber } from "./phone-number";

describe("normalizePhoneNumber", () => {
  it.each([
    ["+15551234567", "+15551234567"],
    ["+15559876543", "+15559876543"],
    ["(555) 123-4567", "+15551234567"],
    ["5551234567", "+15551234567"],
    ["1-555-123-4567", "+15551234567"],
    ["  +44 20 7946 0958 ", "+442079460958"],
  ])("accepts %j as %s (possible by length, even in unassigned ranges)", (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected);
  });

  it.each([["12345"], ["+1555123456789012"], ["555-CALL-NOW"], ["+1 (555) 12a-4567"], [""], ["+"], ["++15551234567"]])(
    "refuses %j",
    (input) => {
      expect(normalizePhoneNumber(input)).toBeNull();
    },
  );
});
