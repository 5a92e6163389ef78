import { callerIsServed, callerOfTokenName, LOCAL_SERVICE_TOKEN, localServiceTokens, serviceTokensOf } from "./service-credential";

const token = (c: string) => c.repeat(20);

describe("INTERNAL_API_TOKENS", () => {
  const quotaTokens = serviceTokensOf(["gateway", "dialer", "operator"]);

  it("names each caller's token, and a second one of a caller being rotated", () => {
    expect(quotaTokens.parse(`gateway=${token("g")},dialer=${token("d")},gateway.next=${token("n")}`)).toEqual({
      gateway: token("g"),
      dialer: token("d"),
      "gateway.next": token("n"),
    });
    expect(callerOfTokenName("gateway.next")).toBe("gateway");
    expect(callerOfTokenName("dialer")).toBe("dialer");
  });

  it("refuses a caller the service does not serve, a short token and a nameless one", () => {
    expect(quotaTokens.safeParse(`gatway=${token("g")}`).error?.issues[0]?.message).toMatch(/unknown caller "gatway"/);
    expect(quotaTokens.safeParse(`local=${token("l")}`).success).toBe(false);
    expect(quotaTokens.safeParse("gateway=short").success).toBe(false);
    expect(quotaTokens.safeParse(`=${token("g")}`).success).toBe(false);
    expect(quotaTokens.safeParse("").success).toBe(false);
  });

  it("defaults local runs to the development token for every caller", () => {
    expect(quotaTokens.parse(localServiceTokens(["gateway", "dialer", "operator"]))).toEqual({
      gateway: LOCAL_SERVICE_TOKEN,
      dialer: LOCAL_SERVICE_TOKEN,
      operator: LOCAL_SERVICE_TOKEN,
    });
  });
});

describe("callerIsServed", () => {
  it("serves a credential that stands for one of the route's callers, and no other", () => {
    expect(callerIsServed(new Set(["operator"]), ["operator"])).toBe(true);
    expect(callerIsServed(new Set(["dialer"]), ["operator"])).toBe(false);
    expect(callerIsServed(new Set(["gateway"]), ["gateway", "operator"])).toBe(true);
    expect(callerIsServed(new Set(), ["gateway"])).toBe(false);
  });
});
