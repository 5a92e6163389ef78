import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eventually } from "../support/eventually";
import { startStack, type TestStack } from "../support/stack";

// The README's and docs' shell commands, run as a new user would: each in a fresh login shell
// (`bash -lc`, so /etc/profile sets a clean PATH) in a home of its own, on a machine whose pnpm
// comes only from the README's setup (corepack), never from scripts/env.sh. Every `sh` block is
// either run here or named below with the reason it is not.
const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

/** SIGTERM to a detached shell's process group (pnpm, tsx, node), which may have ended already. */
function stopGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGTERM");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

type Block = { where: string; code: string; first: string };

function shellBlocks(): Block[] {
  const files = [
    "README.md",
    ...readdirSync(path.join(ROOT, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/${name}`),
    "examples/webhook-receiver/README.md",
    "packages/sdk/README.md",
  ];
  return files.flatMap((file) => {
    const blocks: Block[] = [];
    const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
    let open: { line: number; shell: boolean; body: string[] } | null = null;
    lines.forEach((line, index) => {
      const fence = /^```(.*)$/.exec(line);
      if (fence && open === null) open = { line: index + 1, shell: ["sh", "bash", "shell"].includes(fence[1]?.trim() ?? ""), body: [] };
      else if (fence && open !== null) {
        if (open.shell) blocks.push({ where: `${file}:${open.line}`, code: open.body.join("\n"), first: open.body[0]?.trim() ?? "" });
        open = null;
      } else open?.body.push(line);
    });
    return blocks;
  });
}

const blocks = shellBlocks();
const blockStartingWith = (first: string) => {
  const found = blocks.filter((block) => block.first === first);
  if (found.length === 0) throw new Error(`no shell block starts with ${first}`);
  return found;
};

// Run below, by their first line.
const SETUP = "mkdir -p ~/.local/bin && corepack enable --install-directory ~/.local/bin";
const TRY_IT = `KEY=$(node -p 'require("./.run/demo.json").api_key')`;
const ADMIN = "pnpm --silent admin org:create --name NAME --minutes N [--no-default-agent]";
const RUN = [SETUP, TRY_IT, ADMIN];
/** The example receiver's command, in every copy: a long-running server, started and stopped. */
const isReceiver = (block: Block) => block.code.includes("pnpm --filter @voxbridge/example-webhook-receiver start");

const NOT_RUN: Record<string, string> = {
  'curl -sL -H "Authorization: Bearer $KEY" http://127.0.0.1:8080/v1/calls/$CALL_ID/recording -o call.wav':
    "waits on the recording's upload; tests/e2e/voice-conversation.test.ts downloads a recording through the same route",
  "./scripts/up.sh      # install, start Kafka and S3Proxy, migrate, run all five services; prints a ready line and a demo API key":
    "the two top commands: CI runs test.sh, and up.sh is the stack every other block talks to",
  "RATE_LIMIT_PER_WINDOW=1000000000 ./scripts/up.sh   # the bench drives one API key far past the default limit":
    "a benchmark: minutes of load against a stack started by up.sh",
  "pnpm --filter @voxbridge/bench bench:cpu": "a benchmark: minutes of load against a stack started by up.sh",
  "RATE_LIMIT_PER_WINDOW=1000000000 DIALER_CPS=1000 DIALER_ORG_CONCURRENCY=1000 SIM_RING_SECONDS=0.05 SIM_TALK_SECONDS=0.2 ./scripts/up.sh":
    "a benchmark: minutes of load against a stack started by up.sh",
  "npm install @voxbridge/sdk": "a partner's install from the registry; packages/sdk/src/package.test.ts checks the packed package",
  "pnpm --filter @voxbridge/sdk generate": "rewrites the SDK's sources; packages/sdk checks that they match the OpenAPI document",
};

describe("the README's and docs' shell commands, in a new shell with no pnpm of its own", () => {
  const home = mkdtempSync(path.join(tmpdir(), "voxbridge-new-user-"));
  const children: ChildProcess[] = [];
  let stack: TestStack | undefined;
  // What a new shell inherits: certificates and the like, but no PATH (the login shell sets it), no
  // pnpm or Node from the project's scripts, and this test file's database.
  const shellEnv = (extra: Record<string, string> = {}) => {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env))
      if (value !== undefined && !/^(PATH|npm_|PNPM_|COREPACK_|NODE_OPTIONS|VOXBRIDGE_CACHE)/i.test(name)) env[name] = value;
    return { ...env, HOME: home, ...extra };
  };
  const newShell = (code: string, options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}) =>
    run("bash", ["-lc", code], {
      cwd: options.cwd ?? ROOT,
      env: shellEnv(options.env),
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });

  beforeAll(async () => {
    copyFileSync("/etc/skel/.profile", path.join(home, ".profile"));
    const [setup] = blockStartingWith(SETUP);
    await newShell(setup?.code ?? "");
  }, 180_000);

  afterAll(async () => {
    for (const child of children) if (child.pid !== undefined && child.exitCode === null) stopGroup(child.pid);
    await stack?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("runs or names every shell block, and names none that is gone", () => {
    const unknown = blocks.filter((block) => !RUN.includes(block.first) && !(block.first in NOT_RUN) && !isReceiver(block));
    expect(unknown.map((block) => `${block.where}: ${block.first}`)).toEqual([]);
    for (const first of [...RUN, ...Object.keys(NOT_RUN)])
      expect([first, blocks.some((block) => block.first === first)]).toEqual([first, true]);
    expect(blocks.filter(isReceiver).length).toBeGreaterThanOrEqual(3);
  });

  it("the setup gives a new shell the pnpm that package.json pins", async () => {
    const pinned = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { packageManager: string }).packageManager;
    const { stdout } = await newShell("command -v pnpm && pnpm --version");
    const [where, version] = stdout.trim().split("\n");
    expect(where).toBe(path.join(home, ".local/bin/pnpm"));
    expect(pinned.startsWith(`pnpm@${version}+sha512.`)).toBe(true);
  });

  it("the operator CLI creates an org, printing what the README shows", async () => {
    const [admin] = blockStartingWith(ADMIN);
    const [command, shown] = (admin?.code ?? "").split("\n");
    const filled = (command ?? "").replace("NAME", "'Docs Check'").replace(" N ", " 5 ").replace(" [--no-default-agent]", "");
    const { stdout } = await newShell(filled);
    const printed = JSON.parse(stdout) as Record<string, string>;
    expect(Object.keys(printed)).toEqual(Object.keys(JSON.parse((shown ?? "").replace('"…"|null', "null")) as object));
    expect(printed.api_key).toMatch(/^sk_live_/);
    expect(printed.webhook_secret).toMatch(/^whsec_/);
  });

  it("'Try it' creates a call that completes on the stack up.sh runs (calls talk), and the example receiver (every copy of its command) starts", async () => {
    // The stack that up.sh would run (sandbox calls talk with the voice service), with the demo org
    // written where up.sh writes it.
    stack = await startStack({}, {}, { conversations: true });
    const workdir = path.join(home, "voxbridge");
    mkdirSync(path.join(workdir, ".run"), { recursive: true });
    const { stdout: org } = await newShell("pnpm --silent admin org:create --name Demo --minutes 100");
    writeFileSync(path.join(workdir, ".run/demo.json"), org);

    const [tryIt] = blockStartingWith(TRY_IT);
    const code = (tryIt?.code ?? "").replaceAll("http://127.0.0.1:8080", stack.gatewayUrl);
    const { stdout } = await newShell(code, { cwd: workdir });
    expect(JSON.parse(stdout)).toMatchObject({ status: "completed", client_name: "Jane Doe" });

    // Long-running: each copy starts and says it listens, then is stopped.
    const receivers = blocks.filter(isReceiver);
    for (const [index, block] of receivers.entries()) {
      const port = String(3100 + index);
      const code = block.code.replaceAll("./.run/demo.json", path.join(workdir, ".run/demo.json")).replace(/PORT=\d+ /, "");
      const child = spawn("bash", ["-lc", code.replace("whsec_...", JSON.parse(org).webhook_secret)], {
        cwd: ROOT,
        env: shellEnv({ PORT: port }),
        detached: true,
      });
      children.push(child);
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      await eventually(
        `${block.where} to listen`,
        async () => output.includes(`listening for VoxBridge webhooks on http://localhost:${port}`),
        60_000,
        async () => output,
      );
      if (child.pid !== undefined) stopGroup(child.pid);
    }
  }, 180_000);
});
