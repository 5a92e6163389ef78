import { eventually } from "../../../../tests/support/eventually";
import { PRIVATE_HOST_SPELLINGS } from "../../../../tests/support/private-host-spellings";
import { callOut, type Harness, lifecycleEvent, startHarness, startReceiver } from "../../test/harness";
import { createHttpSender } from "../adapters/http-sender";
import { destinationCheck } from "./destination-check";
import { createEndpoint } from "./webhook-endpoints";

const REFUSED = [
  ["loopback", "http://127.0.0.1:9/hook"],
  ["loopback (other)", "http://127.8.9.10/hook"],
  ["private 10/8", "http://10.1.2.3/hook"],
  ["private 172.16/12", "https://172.16.0.1/hook"],
  ["private 192.168/16", "http://192.168.1.1/hook"],
  ["link-local (cloud metadata)", "http://169.254.169.254/latest/meta-data"],
  ["CGNAT 100.64/10", "http://100.64.0.1/hook"],
  ["unspecified", "http://0.0.0.0/hook"],
  ["reserved 240/4", "http://240.0.0.1/hook"],
  ["multicast", "http://224.0.0.1/hook"],
  ["broadcast", "http://255.255.255.255/hook"],
  ["IPv6 loopback", "http://[::1]/hook"],
  ["IPv6 unique-local", "http://[fd00::1]/hook"],
  ["IPv6 link-local", "http://[fe80::1]/hook"],
  ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/hook"],
  ["IPv4-mapped private", "http://[::ffff:10.0.0.1]/hook"],
  ["a name resolving to loopback", "http://localhost/hook"],
  ...PRIVATE_HOST_SPELLINGS,
] as const;

describe("SSRF: webhook destinations on non-public networks are refused (private networks disallowed)", () => {
  const check = destinationCheck({
    allowPrivateNetworks: false,
    resolveHost: async (host) => (host === "localhost" ? ["127.0.0.1"] : ["93.184.216.34"]),
  });
  const sender = createHttpSender({
    timeoutMs: 2_000,
    maxResponseBytes: 1_024,
    allowPrivateNetworks: false,
    resolveHost: async (host) => (host === "localhost" ? ["127.0.0.1", "93.184.216.34"] : ["93.184.216.34"]),
  });
  afterAll(() => sender.close());

  it.each(REFUSED)("refuses %s at creation (%s)", async (_, url) => {
    await expect(check(url)).rejects.toMatchObject({ code: "validation_failed", param: "url" });
  });

  it.each(REFUSED)("refuses %s at connect time (%s)", async (_, url) => {
    const result = await sender.send({ url, headers: {}, body: "{}" });
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/^refused: /);
  });

  it.each([
    ["credentials", "https://user:secret@hooks.example.com/x"],
    ["not http(s)", "ftp://hooks.example.com/x"],
    ["file", "file:///etc/passwd"],
  ])("refuses a URL with %s even where private networks are allowed", async (_, url) => {
    await expect(destinationCheck({ allowPrivateNetworks: true })(url)).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("accepts a public destination", async () => {
    await expect(check("https://hooks.example.com/voxbridge")).resolves.toBeUndefined();
  });
});

describe("DNS rebinding", () => {
  let harness: Harness | undefined;
  afterEach(async () => harness?.stop());

  it("a host that resolved to a public address at creation but to loopback at connect time receives nothing", async () => {
    const partner = await startReceiver();
    try {
      let lookups = 0;
      const rebinding = async () => (lookups++ === 0 ? ["93.184.216.34"] : ["127.0.0.1"]);
      harness = await startHarness({ allowPrivateNetworks: false, resolveHost: rebinding });
      const url = `http://rebind.test:${partner.port}/hooks`;
      const endpointDeps = { ...harness.endpointDeps, checkUrl: destinationCheck({ allowPrivateNetworks: false, resolveHost: rebinding }) };
      await createEndpoint(endpointDeps, harness.orgId, { url, enabled: true });
      const call = callOut();
      await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, null));
      const h = harness;
      await eventually("refused attempt recorded", () => h.recorded(call.id, 1));
      expect((await harness.deliveries(call.id))[0]?.lastError).toBe("refused: rebind.test resolves to a non-public address (127.0.0.1)");
      expect(partner.received).toHaveLength(0);
    } finally {
      await partner.close();
    }
  });
});
