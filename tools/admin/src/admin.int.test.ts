import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { loadSecretKeyring } from "@voxbridge/webhooks/config";
import pg from "pg";
import { testDatabaseUrl } from "../../../tests/support/env";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../../..");
let db: pg.Pool;

beforeAll(() => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});
afterAll(() => db.end());

/** The operator CLI exactly as the README's "Operator CLI" section spells it. */
const admin = (...args: string[]) =>
  run("pnpm", ["--silent", "admin", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: testDatabaseUrl() } });

describe("pnpm --silent admin org:create", () => {
  it("prints one JSON line and provisions the org, a hashed live key, its limit, its signing secret and a default agent", async () => {
    const { stdout, stderr } = await admin("org:create", "--name", "Acme Voice", "--minutes", "250");
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0] as string) as Record<string, string | null>;
    expect(Object.keys(out)).toEqual(["org_id", "api_key", "webhook_secret", "default_agent_id"]);
    expect(out.api_key).toMatch(/^sk_live_[A-Za-z0-9]{32,}$/);
    expect(out.webhook_secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);

    const org = await db.query("SELECT name FROM gateway.organizations WHERE id = $1", [out.org_id]);
    expect(org.rows).toEqual([{ name: "Acme Voice" }]);
    const keys = await db.query("SELECT key_hash, prefix FROM gateway.api_keys WHERE org_id = $1", [out.org_id]);
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(keys.rows)).not.toContain(out.api_key);
    const agents = await db.query("SELECT id, is_default, is_active FROM gateway.agents WHERE org_id = $1", [out.org_id]);
    expect(agents.rows).toEqual([{ id: out.default_agent_id, is_default: true, is_active: true }]);
    const limit = await db.query("SELECT minutes_limit FROM quota.org_limits WHERE org_id = $1", [out.org_id]);
    expect(limit.rows).toEqual([{ minutes_limit: 250 }]);
    // Stored encrypted under the key the webhooks service is given (here the local development key).
    const secret = await db.query("SELECT secret, secret_ciphertext, secret_key_id FROM webhooks.org_signing_secrets WHERE org_id = $1", [
      out.org_id,
    ]);
    expect(secret.rows).toEqual([{ secret: null, secret_ciphertext: expect.any(String), secret_key_id: "local" }]);
    expect(JSON.stringify(secret.rows)).not.toContain(out.webhook_secret);
    const stored = secret.rows[0];
    expect(
      loadSecretKeyring({}).decrypt(stored.secret_key_id, stored.secret_ciphertext, `webhooks.org_signing_secrets:${out.org_id}`),
    ).toBe(out.webhook_secret);
  });

  it("creates no agent with --no-default-agent", async () => {
    const { stdout } = await admin("org:create", "--name", "Bare", "--minutes", "0", "--no-default-agent");
    const out = JSON.parse(stdout) as { org_id: string; default_agent_id: string | null };
    expect(out.default_agent_id).toBeNull();
    const agents = await db.query("SELECT count(*)::int AS n FROM gateway.agents WHERE org_id = $1", [out.org_id]);
    expect(agents.rows[0].n).toBe(0);
  });

  it.each([
    [["org:create", "--minutes", "10"], /--name is required/],
    [["org:create", "--name", "X", "--minutes", "ten"], /--minutes must be a whole number/],
    [["org:create", "--name", "X", "--minutes=-5"], /--minutes must be >= 0/],
    [["org:create", "--name", "X", "--minutes", "1", "--color", "red"], /Unknown option/],
    [["org:delete"], /unknown command org:delete/],
  ])("refuses %j with exit code 2, the reason and the usage on stderr, nothing on stdout", async (args, reason) => {
    const failure = (await admin(...args).catch((error: unknown) => error)) as { code: number; stdout: string; stderr: string };
    expect(failure.code).toBe(2);
    expect(failure.stdout).toBe("");
    expect(failure.stderr).toMatch(reason);
    expect(failure.stderr).toContain("usage: pnpm --silent admin org:create");
  });
});
