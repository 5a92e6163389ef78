import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "@voxbridge/kit";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { eventually } from "../../../../tests/support/eventually";
import { callOut, type Harness, lifecycleEvent, startHarness, startReceiver } from "../../test/harness";
import { createEndpoint, rotateEndpointSecret } from "../app/webhook-endpoints";
import { createSecretKeyring, newSecretKey, parseSecretKeys, type SecretKeyring } from "../domain/secret-keyring";
import { newSigningSecret } from "../domain/signing";
import { migrateWebhooks } from "../migrate";
import { createOrgSigningSecret } from "../provisioning";
import { createWebhooksPool } from "./prisma";
import { reencryptSigningSecrets } from "./secret-reencryption";

const verify = (secret: string, request: { headers: Record<string, unknown>; body: string } | undefined) => {
  if (request === undefined) throw new Error("no request received");
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
};
const signatures = (request: { headers: Record<string, unknown> } | undefined) => String(request?.headers["webhook-signature"]).split(" ");

const keyA = `a:${newSecretKey()}`;
const keyB = `b:${newSecretKey()}`;
const ring = (keys: string, active?: string): SecretKeyring => createSecretKeyring(parseSecretKeys(keys), active);

type StoredRow = {
  secret: string | null;
  secret_ciphertext: string | null;
  secret_key_id: string | null;
  previous_secret: string | null;
  previous_secret_key_id: string | null;
};

describe("webhook signing secrets encrypted at rest (real Postgres)", () => {
  let harness: Harness | undefined;
  const closers: (() => Promise<void>)[] = [];
  const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await harness?.stop();
    harness = undefined;
  });
  afterAll(() => db.end());
  const receiver = async () => {
    const started = await startReceiver();
    closers.push(started.close);
    return started;
  };
  const endpointRow = async (id: string) =>
    (await db.query<StoredRow>("SELECT * FROM webhooks.webhook_endpoints WHERE id = $1", [id])).rows[0];
  const orgRow = async (orgId: string) =>
    (await db.query<StoredRow>("SELECT * FROM webhooks.org_signing_secrets WHERE org_id = $1", [orgId])).rows[0];
  const pass = async (keyring: SecretKeyring, now: Date) => {
    const pool = createWebhooksPool(testDatabaseUrl(), 1, undefined, "intake");
    try {
      return await reencryptSigningSecrets(pool, keyring, now);
    } finally {
      await pool.end();
    }
  };

  it("rotates keys: A's secrets keep verifying under A+B, new ones use B, the pass moves all to B, and A can then go", async () => {
    const h = await startHarness({ keyring: ring(keyA) });
    harness = h;
    const partner = await receiver();
    const perCall = await receiver();
    const first = await createEndpoint(h.endpointDeps, h.orgId, { url: partner.url, enabled: true });
    expect(await endpointRow(first.id)).toMatchObject({ secret: null, secret_key_id: "a" });
    expect((await endpointRow(first.id))?.secret_ciphertext).not.toContain(first.secret.slice(6, 20));
    expect(await orgRow(h.orgId)).toMatchObject({ secret: null, secret_key_id: "a" });

    // Key B is added and made active; A stays listed, so what A encrypted still signs.
    await h.useKeyring(ring(`${keyA},${keyB}`, "b"));
    const callOne = callOut();
    await h.receive(lifecycleEvent("call.queued", h.orgId, callOne, null));
    await h.receive(lifecycleEvent("call.queued", h.orgId, callOut(), perCall.url));
    await eventually("delivered under A+B", async () => partner.received.length === 1 && perCall.received.length === 1, 15_000, h.state);
    verify(first.secret, partner.received[0]);
    verify(h.orgSecret, perCall.received[0]);

    // Written now: under B. A rotation moves the A-encrypted secret to previous as it is.
    const secondPartner = await receiver();
    const second = await createEndpoint(h.endpointDeps, h.orgId, { url: secondPartner.url, enabled: true, events: ["call.completed"] });
    expect(await endpointRow(second.id)).toMatchObject({ secret_key_id: "b" });
    const rotated = await rotateEndpointSecret(h.endpointDeps, h.orgId, first.id);
    expect(await endpointRow(first.id)).toMatchObject({ secret_key_id: "b", previous_secret_key_id: "a" });
    await h.receive(lifecycleEvent("call.completed", h.orgId, callOne, null));
    await eventually(
      "delivered after rotation",
      async () => partner.received.length === 2 && secondPartner.received.length === 1,
      15_000,
      h.state,
    );
    expect(signatures(partner.received[1])).toHaveLength(2);
    verify(first.secret, partner.received[1]);
    verify(rotated.secret, partner.received[1]);
    verify(second.secret, secondPartner.received[0]);

    // The pass leaves nothing under A, for this org or any other.
    const moved = await pass(ring(`${keyA},${keyB}`, "b"), h.clock());
    expect(moved.unreadable).toBe(0);
    expect(moved.reencrypted).toBeGreaterThanOrEqual(2);
    const underA = await db.query(
      `SELECT 1 FROM webhooks.webhook_endpoints WHERE secret_key_id = 'a' OR previous_secret_key_id = 'a'
       UNION ALL SELECT 1 FROM webhooks.org_signing_secrets WHERE secret_key_id = 'a' OR previous_secret_key_id = 'a'`,
    );
    expect(underA.rows).toEqual([]);
    expect(await endpointRow(first.id)).toMatchObject({ secret_key_id: "b", previous_secret_key_id: "b" });
    expect((await pass(ring(`${keyA},${keyB}`, "b"), h.clock())).reencrypted).toBe(0);

    // A is dropped: every secret, the previous one included, still signs.
    await h.useKeyring(ring(keyB));
    const callTwo = callOut();
    await h.receive(lifecycleEvent("call.completed", h.orgId, callTwo, null));
    await h.receive(lifecycleEvent("call.queued", h.orgId, callOut(), perCall.url));
    await eventually(
      "delivered under B alone",
      async () => partner.received.length === 3 && secondPartner.received.length === 2 && perCall.received.length === 2,
      15_000,
      h.state,
    );
    verify(first.secret, partner.received[2]);
    verify(rotated.secret, partner.received[2]);
    verify(second.secret, secondPartner.received[1]);
    verify(h.orgSecret, perCall.received[1]);
  });

  it("does not send a delivery whose secret's key is missing, and retries it once the key is back", async () => {
    // The first test left rows under B: the provisioning refuses a keyring that cannot read them.
    const h = await startHarness({ keyring: ring(`${keyA},${keyB}`, "a"), delaysSeconds: [1, 1] });
    harness = h;
    const partner = await receiver();
    const endpoint = await createEndpoint(h.endpointDeps, h.orgId, { url: partner.url, enabled: true });
    await h.useKeyring(ring(keyB));
    const call = callOut();
    await h.receive(lifecycleEvent("call.queued", h.orgId, call, null));
    await eventually("attempted", () => h.recorded(call.id, 1), 15_000, h.state);
    const [delivery] = await h.deliveries(call.id);
    expect(delivery).toMatchObject({
      status: "pending",
      lastError: expect.stringMatching(/signing secret unreadable: .*key a, which is not configured/),
    });
    expect(partner.received).toHaveLength(0);

    await h.useKeyring(ring(`${keyA},${keyB}`, "b"));
    h.advance(1_000);
    await eventually("delivered once A is back", async () => (await h.deliveries(call.id))[0]?.status === "succeeded", 15_000, h.state);
    verify(endpoint.secret, partner.received[0]);
  });

  it("encrypts the plaintext secrets of rows written before the migration; they sign as before", async () => {
    // The schema as the last release left it (every migration before encryption), with plaintext rows.
    const schema = `webhooks_before_${randomUUID().slice(0, 8)}`;
    const all = path.join(__dirname, "../../prisma/migrations");
    const before = await mkdtemp(path.join(tmpdir(), "webhooks-migrations-"));
    await cp(all, before, { recursive: true, filter: (source) => !source.includes("_encrypted_signing_secrets") });
    const scoped = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1, options: `-c search_path=${schema}` });
    try {
      await migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir: before });
      const orgId = randomUUID();
      const endpointId = randomUUID();
      const [orgSecret, endpointSecret, previousSecret] = [newSigningSecret(), newSigningSecret(), newSigningSecret()];
      await scoped.query("INSERT INTO org_signing_secrets (org_id, secret) VALUES ($1, $2)", [orgId, orgSecret]);
      await scoped.query(
        `INSERT INTO webhook_endpoints (id, org_id, url, events, secret, previous_secret, previous_secret_expires_at, created_at, updated_at)
         VALUES ($1, $2, 'https://hooks.example.com/x', '{}', $3, $4, now() + interval '1 hour', now(), now())`,
        [endpointId, orgId, endpointSecret, previousSecret],
      );

      expect(await migrate({ databaseUrl: testDatabaseUrl(), schema, migrationsDir: all })).toEqual([
        "20261207000000_encrypted_signing_secrets",
      ]);
      const keyring = ring(keyA);
      const result = await reencryptSigningSecrets(scoped, keyring, new Date());
      expect(result).toEqual({ reencrypted: 2, unreadable: 0, problems: [] });
      const rows = await scoped.query(
        `SELECT 'org' AS kind, org_id::text AS id, secret, secret_ciphertext, secret_key_id, previous_secret, previous_secret_ciphertext, previous_secret_key_id FROM org_signing_secrets
         UNION ALL SELECT 'endpoint', id::text, secret, secret_ciphertext, secret_key_id, previous_secret, previous_secret_ciphertext, previous_secret_key_id FROM webhook_endpoints ORDER BY kind`,
      );
      const [endpoint, org] = rows.rows;
      expect(endpoint).toMatchObject({ secret: null, previous_secret: null, secret_key_id: "a", previous_secret_key_id: "a" });
      expect(org).toMatchObject({ secret: null, previous_secret: null, secret_key_id: "a", previous_secret_ciphertext: null });
      expect(keyring.decrypt("a", endpoint.secret_ciphertext, `webhooks.webhook_endpoints:${endpointId}`)).toBe(endpointSecret);
      expect(keyring.decrypt("a", endpoint.previous_secret_ciphertext, `webhooks.webhook_endpoints:${endpointId}`)).toBe(previousSecret);
      expect(keyring.decrypt("a", org.secret_ciphertext, `webhooks.org_signing_secrets:${orgId}`)).toBe(orgSecret);
    } finally {
      await scoped.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await scoped.end();
      await rm(before, { recursive: true, force: true });
    }
  });

  it("the migration step encrypts rows left in plaintext, signs with them, and refuses a keyring that cannot read a row", async () => {
    const h = await startHarness({ keyring: ring(`${keyA},${keyB}`, "a") });
    harness = h;
    const partner = await receiver();
    const orgId = h.orgId;
    const plaintext = newSigningSecret();
    // A row as a release before encryption wrote it.
    await db.query(
      "UPDATE webhooks.org_signing_secrets SET secret = $2, secret_ciphertext = NULL, secret_key_id = NULL WHERE org_id = $1",
      [orgId, plaintext],
    );
    await h.receive(lifecycleEvent("call.queued", orgId, callOut(), partner.url));
    await eventually("signed with the plaintext row", async () => partner.received.length === 1, 15_000, h.state);
    verify(plaintext, partner.received[0]);

    // Earlier tests of this file left rows under B: the migration step moves them to A too.
    expect(await migrateWebhooks(testDatabaseUrl(), {}, ring(`${keyA},${keyB}`, "a"))).toEqual([
      expect.stringMatching(/^\d+ signing secrets encrypted under key a$/),
    ]);
    expect(await orgRow(orgId)).toMatchObject({ secret: null, secret_key_id: "a" });
    await h.receive(lifecycleEvent("call.queued", orgId, callOut(), partner.url));
    await eventually("signed after encryption", async () => partner.received.length === 2, 15_000, h.state);
    verify(plaintext, partner.received[1]);

    // The operator CLI's provisioning, run without the service's keys, refuses rather than store a secret nobody can read.
    await expect(createOrgSigningSecret(testDatabaseUrl(), randomUUID(), ring(keyB))).rejects.toThrow(
      /use key a, which WEBHOOK_SECRET_KEYS does not hold/,
    );
    await expect(migrateWebhooks(testDatabaseUrl(), {}, ring(keyB))).rejects.toThrow(
      /signing secrets are unreadable with WEBHOOK_SECRET_KEYS:\n.*key a, which is not configured/,
    );
  });
});
