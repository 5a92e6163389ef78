import { PRIVATE_HOST_SPELLINGS } from "../../../../tests/support/private-host-spellings";
import { canonicalHost, isPrivateName, isPublicAddress, refuseDestination } from "./destination";

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
    ["::127.0.0.1"],
    ["::7f00:1"],
    ["::a9fe:a9fe"],
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

describe("every spelling of a private host", () => {
  // DNS answers a public address for every name here: each refusal must come from the URL alone.
  const resolvePublic = async () => ["93.184.216.34"];

  it.each(PRIVATE_HOST_SPELLINGS)("refuses %s (%s) with private networks disallowed", async (_, url) => {
    expect(await refuseDestination(url, { allowPrivateNetworks: false, resolve: resolvePublic })).toEqual({
      reason: expect.stringMatching(/is a non-public address|is a private name/),
    });
  });

  it("reads a host as DNS does: lower case, trailing dots dropped, brackets off", () => {
    expect(canonicalHost("LOCALHOST.")).toBe("localhost");
    expect(canonicalHost("Hooks.Example.COM..")).toBe("hooks.example.com");
    expect(canonicalHost("[FE80::1]")).toBe("fe80::1");
  });

  it("takes only names private by definition as private, not names that merely contain those words", () => {
    for (const name of ["localhost", "a.b.localhost.", "printer.local", "metadata.google.internal", "nas.home.arpa", "box.localdomain"])
      expect([name, isPrivateName(name)]).toEqual([name, true]);
    for (const name of ["localhost.example.com", "local.example.com", "internal.example.com", "mylocal", "hooks.example.com"])
      expect([name, isPrivateName(name)]).toEqual([name, false]);
  });

  it("still accepts public destinations, with a trailing dot or in upper case", async () => {
    for (const url of [
      "https://HOOKS.EXAMPLE.COM./x",
      "https://8.8.8.8./x",
      "https://[2606:4700:4700::1111]/x",
      "https://[::ffff:8.8.8.8]/x",
    ])
      expect([url, await refuseDestination(url, { allowPrivateNetworks: false, resolve: resolvePublic })]).toEqual([url, null]);
  });
});
