import { isPublicAddress, refuseDestination } from "./destination";

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1"],
    ["10.1.2.3"],
    ["172.16.0.1"],
    ["192.168.1.1"],
    ["169.254.169.254"],
    ["100.64.0.1"],
    ["0.0.0.0"],
    ["224.0.0.1"],
    ["255.255.255.255"],
    ["192.0.2.1"],
    ["::1"],
    ["::"],
    ["fe80::1"],
    ["fc00::1"],
    ["fd12:3456::1"],
    ["ff02::1"],
    ["::ffff:127.0.0.1"],
    ["::ffff:10.0.0.1"],
    ["2001:db8::1"],
    ["not-an-ip"],
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([["8.8.8.8"], ["1.1.1.1"], ["2606:4700:4700::1111"], ["::ffff:8.8.8.8"]])("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("refuseDestination", () => {
  const resolveTo = (addresses: string[]) => async () => addresses;

  it("refuses non-http schemes and credentials even when private networks are allowed", async () => {
    expect(await refuseDestination("ftp://example.com/x", { allowPrivateNetworks: true })).toEqual({
      reason: "only http and https URLs are allowed",
    });
    expect(await refuseDestination("https://user:pw@example.com/x", { allowPrivateNetworks: true })).toEqual({
      reason: "URLs with credentials are not allowed",
    });
  });

  it("allows loopback only when private networks are allowed", async () => {
    expect(await refuseDestination("http://127.0.0.1:9000/hook", { allowPrivateNetworks: true })).toBeNull();
    expect(await refuseDestination("http://127.0.0.1:9000/hook", { allowPrivateNetworks: false })).toMatchObject({
      reason: expect.stringContaining("non-public"),
    });
    expect(await refuseDestination("http://[::1]/hook", { allowPrivateNetworks: false })).toMatchObject({
      reason: expect.stringContaining("non-public"),
    });
  });

  it("refuses a name when any of its addresses is private, and accepts one that does not resolve (yet)", async () => {
    expect(
      await refuseDestination("https://hooks.example.com/x", { allowPrivateNetworks: false, resolve: resolveTo(["8.8.8.8", "10.0.0.5"]) }),
    ).toMatchObject({
      reason: expect.stringContaining("10.0.0.5"),
    });
    expect(
      await refuseDestination("https://hooks.example.com/x", { allowPrivateNetworks: false, resolve: resolveTo(["8.8.8.8"]) }),
    ).toBeNull();
    const failing = async () => {
      throw new Error("ENOTFOUND");
    };
    expect(await refuseDestination("https://nowhere.invalid/x", { allowPrivateNetworks: false, resolve: failing })).toBeNull();
    expect(await refuseDestination("https://nothing.example/x", { allowPrivateNetworks: false, resolve: resolveTo([]) })).toBeNull();
  });

  it("takes a host on trust when DNS does not answer within two seconds", async () => {
    jest.useFakeTimers();
    try {
      const verdict = refuseDestination("https://slow.example/x", { allowPrivateNetworks: false, resolve: () => new Promise(() => {}) });
      await jest.advanceTimersByTimeAsync(2_000);
      expect(await verdict).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
