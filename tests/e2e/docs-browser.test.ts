import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { PUBLISHED_CREATE_CALL_EXAMPLE } from "../support/published-example";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";

// "Try it out" on /docs, in a real headless browser: Debian's chromium, which scripts/setup.sh
// installs. A missing browser fails this file; it is never skipped.
const CHROMIUM = "/usr/bin/chromium";

let stack: TestStack;
let org: TestOrg;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every URL the browser asked for, from any page or worker of the context. */
const requested: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
  [stack, browser] = await Promise.all([
    startStack(),
    chromium.launch({
      executablePath: CHROMIUM,
      // Without the background-networking flags chromium keeps calling Google's services, which
      // this closed network answers with nothing but timeouts.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }),
  ]);
  org = await provisionOrg();
  context = await browser.newContext();
  // Short waits, so a selector that never matches fails here rather than at Jest's own timeout; long
  // enough for Swagger UI's first render on a busy two-CPU machine.
  context.setDefaultTimeout(15_000);
  context.on("request", (request) => {
    requested.push(request.url());
  });
  // Anything for another host is recorded above and refused, so it fails the test instead of hanging it.
  const gatewayOrigin = new URL(stack.gatewayUrl).origin;
  await context.route("**/*", (route) =>
    new URL(route.request().url()).origin === gatewayOrigin ? route.continue() : route.abort("blockedbyclient"),
  );
  page = await context.newPage();
  page.on("pageerror", (error) => {
    pageErrors.push(String(error));
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("API reference at /docs in a browser", () => {
  it("authorizes with an API key and queues the shown create-call example through Try it out", async () => {
    await page.goto(`${stack.gatewayUrl}/docs/`);

    // Authorize: the bearer scheme's dialog takes the org's key.
    await page.locator(".auth-wrapper").getByRole("button", { name: "Authorize" }).click();
    const dialog = page.locator(".dialog-ux .modal-ux");
    await dialog.getByRole("textbox", { name: "auth-bearer-value" }).fill(org.apiKey);
    await dialog.getByRole("button", { name: "Apply credentials" }).click();
    await dialog.getByRole("button", { name: "Remove authorization" }).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });

    // POST /v1/calls/outbound: expand it, try it out with the body it shows.
    const operation = page.locator("#operations-Calls-createOutboundCall");
    await operation.locator(".opblock-summary-control").click();
    await operation.getByRole("button", { name: "Try it out" }).click();
    const body = operation.locator(".opblock-section-request-body textarea.body-param__text");
    await body.waitFor();
    expect(JSON.parse(await body.inputValue())).toEqual(JSON.parse(PUBLISHED_CREATE_CALL_EXAMPLE));

    const sent = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/v1/calls/outbound"));
    await operation.getByRole("button", { name: "Execute" }).click();
    const request = await sent;
    expect(request.url()).toBe(`${stack.gatewayUrl}/v1/calls/outbound`);
    expect(request.headers().authorization).toBe(`Bearer ${org.apiKey}`);

    // The live response, as the page shows it.
    const live = operation.locator(".live-responses-table tbody tr.response");
    await live.waitFor();
    expect((await live.locator(".response-col_status").textContent())?.trim()).toBe("201");
    const shown = live.locator(".response-col_description .highlight-code pre").first();
    await shown.waitFor();
    const text = (await shown.textContent()) ?? "";
    expect(text).toContain('"status": "queued"');
    expect(org.defaultAgentId).toEqual(expect.any(String));
    expect(JSON.parse(text)).toEqual(
      expect.objectContaining({ status: "queued", agent_id: org.defaultAgentId, to_number: "+15551234567" }),
    );

    // Everything came from the gateway itself (no CDN, font or telemetry host), and nothing threw.
    const origins = new Set(requested.filter((url) => /^(https?|wss?):/.test(url)).map((url) => new URL(url).origin));
    expect([...origins]).toEqual([new URL(stack.gatewayUrl).origin]);
    expect(requested.filter((url) => !/^(https?|wss?|data|blob):/.test(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
