import { z } from "zod";
import { stableUuid } from "./stable-id";

describe("stableUuid", () => {
  it("is a valid UUID, the same for the same parts and different for different ones", () => {
    const id = stableUuid("key-1", "abc");
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(stableUuid("key-1", "abc")).toBe(id);
    expect(stableUuid("key-2", "abc")).not.toBe(id);
    expect(stableUuid("key-1a", "bc")).not.toBe(stableUuid("key-1", "abc"));
  });
});
