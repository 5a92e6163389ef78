import { createSecretKeyring, newSecretKey, parseSecretKeys } from "./secret-keyring";

const keyA = newSecretKey();
const keyB = newSecretKey();
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

describe("secret keyring", () => {
  it("round-trips a secret under the active key, with a fresh nonce each time", () => {
    const keyring = createSecretKeyring(parseSecretKeys(`a:${keyA}`));
    const first = keyring.encrypt(secret, "webhook_endpoints:1");
    const second = keyring.encrypt(secret, "webhook_endpoints:1");
    expect(first.keyId).toBe("a");
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.ciphertext).not.toContain(secret.slice(6));
    expect(keyring.decrypt(first.keyId, first.ciphertext, "webhook_endpoints:1")).toBe(secret);
    expect(keyring.decrypt(second.keyId, second.ciphertext, "webhook_endpoints:1")).toBe(secret);
  });

  it("encrypts with the named active key and still reads what the others wrote", () => {
    const old = createSecretKeyring(parseSecretKeys(`a:${keyA}`)).encrypt(secret, "ctx");
    const keyring = createSecretKeyring(parseSecretKeys(`a:${keyA},b:${keyB}`), "b");
    expect(keyring.activeKeyId).toBe("b");
    expect(keyring.keyIds).toEqual(["a", "b"]);
    expect(keyring.encrypt(secret, "ctx").keyId).toBe("b");
    expect(keyring.decrypt("a", old.ciphertext, "ctx")).toBe(secret);
  });

  it("refuses a wrong key, an unknown key id, another row's context and a tampered ciphertext", () => {
    const sealed = createSecretKeyring(parseSecretKeys(`a:${keyA}`)).encrypt(secret, "org_signing_secrets:1");
    const wrongKey = createSecretKeyring(parseSecretKeys(`a:${keyB}`));
    expect(() => wrongKey.decrypt("a", sealed.ciphertext, "org_signing_secrets:1")).toThrow(/does not decrypt/);
    const keyring = createSecretKeyring(parseSecretKeys(`a:${keyA}`));
    expect(() => keyring.decrypt("z", sealed.ciphertext, "org_signing_secrets:1")).toThrow(/key z, which is not configured/);
    expect(() => keyring.decrypt("a", sealed.ciphertext, "org_signing_secrets:2")).toThrow(/does not decrypt/);
    const raw = Buffer.from(sealed.ciphertext, "base64");
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => keyring.decrypt("a", raw.toString("base64"), "org_signing_secrets:1")).toThrow(/does not decrypt/);
    expect(() => keyring.decrypt("a", "AAAA", "org_signing_secrets:1")).toThrow(/too short/);
  });

  it.each([
    ["", /no key/],
    [keyA, /each entry is id:base64key/],
    [`a b:${keyA}`, /each entry is id:base64key/],
    ["a:c2hvcnQ=", /key a is not the base64 of 32 bytes/],
    [`a:${keyA},a:${keyB}`, /key id a is given twice/],
  ])("refuses the key list %j with a reason that never shows a key", (value, reason) => {
    let message = "";
    try {
      parseSecretKeys(value);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(reason);
    expect(message).not.toContain(keyA);
  });

  it("needs the active key named among several, and among the keys", () => {
    const keys = parseSecretKeys(`a:${keyA},b:${keyB}`);
    expect(() => createSecretKeyring(keys)).toThrow(/name the active one/);
    expect(() => createSecretKeyring(keys, "c")).toThrow(/active key c is not among the keys/);
  });
});
