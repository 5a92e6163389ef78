import { orgRoom, orgRooms } from "./org-concurrency";

describe("org concurrency", () => {
  it("gives an org its own limit, or the default, less its live calls", () => {
    expect(orgRoom(0, null, 3)).toBe(3);
    expect(orgRoom(2, null, 3)).toBe(1);
    expect(orgRoom(2, 10, 3)).toBe(8);
    expect(orgRoom(5, 2, 3)).toBe(0);
  });

  it("caps each org's room at the claim's budget and leaves out orgs at their limit", () => {
    const orgs = [
      { orgId: "a", active: 0, limit: null },
      { orgId: "b", active: 3, limit: null },
      { orgId: "c", active: 1, limit: 2 },
    ];
    expect(orgRooms(orgs, 3, 2)).toEqual([
      { orgId: "a", room: 2 },
      { orgId: "c", room: 1 },
    ]);
  });
});
