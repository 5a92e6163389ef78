import { parseArgs } from "node:util";
import { createOrganization } from "@voxbridge/gateway/provisioning";
import { setOrgMinuteLimit } from "@voxbridge/quota/provisioning";
import { createOrgSigningSecret } from "@voxbridge/webhooks/provisioning";
import { z } from "zod";

const USAGE = "usage: pnpm --silent admin org:create --name NAME --minutes N [--no-default-agent]";

const OrgCreateArgs = z.object({
  name: z.string({ message: "--name is required" }).trim().min(1, "--name is required").max(200),
  minutes: z.coerce
    .number({ message: "--minutes must be a whole number" })
    .int("--minutes must be a whole number")
    .min(0, "--minutes must be >= 0"),
  "no-default-agent": z.boolean().default(false),
});

/** `org:create`: the org, its live key and default agent (gateway), its limit (quota), its signing secret (webhooks). */
async function orgCreate(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: "string" }, minutes: { type: "string" }, "no-default-agent": { type: "boolean" } },
    strict: true,
  });
  const args = OrgCreateArgs.parse(values);
  const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge";
  const org = await createOrganization(databaseUrl, { name: args.name, withDefaultAgent: !args["no-default-agent"] });
  await setOrgMinuteLimit(databaseUrl, org.orgId, args.minutes);
  const webhookSecret = await createOrgSigningSecret(databaseUrl, org.orgId);
  process.stdout.write(
    `${JSON.stringify({ org_id: org.orgId, api_key: org.apiKey, webhook_secret: webhookSecret, default_agent_id: org.defaultAgentId })}\n`,
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== "org:create") throw new UsageError(command ? `unknown command ${command}` : "no command");
  await orgCreate(rest);
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage =
    error instanceof UsageError || error instanceof z.ZodError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  const message =
    error instanceof z.ZodError
      ? error.issues.map((issue) => issue.message).join("; ")
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`admin: ${message}\n${usage ? `${USAGE}\n` : ""}`);
  process.exit(usage ? 2 : 1);
});
