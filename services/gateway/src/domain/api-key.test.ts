import { API_KEY_PREFIX, displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from "./api-key";

describe("API keys", () => {
  it("are sk_live_ followed by 40 base62 characters, different every time", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^sk_live_[A-Za-z0-9]{40}$/);
  });

  it("are stored as a SHA-256 hex hash that does not contain the key", () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toContain(key.slice(API_KEY_PREFIX.length));
  });

  it("are displayed by a short prefix only", () => {
    expect(displayPrefix("sk_live_abcdefghijkl")).toBe("sk_live_abcd");
  });

  it("are recognised by shape before any lookup", () => {
    expect(looksLikeApiKey(generateApiKey())).toBe(true);
    expect(looksLikeApiKey("sk_live_short")).toBe(false);
    expect(looksLikeApiKey(`sk_test_${"a".repeat(40)}`)).toBe(false);
    expect(looksLikeApiKey(`sk_live_${"a".repeat(200)}`)).toBe(false);
  });
});
