import { CreateOutboundCallRequest, UpdateCallRequest } from "@voxbridge/contracts";
import { type ErrorDetail, isAppError, problemsOf, validationFailed, zodProblems } from "@voxbridge/kit/core";
import { checkCallNumbers } from "../domain/call-numbers";
import { simulatedCalleeRefusal } from "../domain/simulated-callee-rule";
import type { CreateOutboundCallDeps } from "./create-outbound-call";

declare const checked: unique symbol;
/** A create body with nothing wrong in it: its numbers in E.164, its webhook URL one the deployment may call. */
export type CheckedCreateCall = CreateOutboundCallRequest & { readonly [checked]: true };
/** A PATCH body with nothing wrong in it. */
export type CheckedUpdateCall = UpdateCallRequest & { readonly [checked]: true };

type CheckDeps = Pick<CreateOutboundCallDeps, "checkWebhookUrl">;

const fieldsOf = (body: unknown): Record<string, unknown> =>
  typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** The fields a schema problem names (`calling_window.start` names `calling_window`). */
const namedFields = (problems: ErrorDetail[]) => new Set(problems.map((problem) => problem.param?.split(".")[0] ?? ""));

/** A webhook URL the schema took, checked against the deployment's destination rules; its refusal as problems. */
async function webhookProblems(deps: CheckDeps, url: unknown, schemaNamed: ReadonlySet<string>): Promise<ErrorDetail[]> {
  if (typeof url !== "string" || schemaNamed.has("webhook_url")) return [];
  try {
    await deps.checkWebhookUrl(url);
    return [];
  } catch (error) {
    if (isAppError(error) && error.code === "validation_failed") return problemsOf(error);
    throw error;
  }
}

/**
 * Every problem of a create body at once, in one 422 (`details`): the schema's, the numbers', a
 * sandbox script under live telephony and the webhook destination's. The body of POST
 * /v1/calls/outbound and each item of a batch. (What needs the agent, such as scripted answers that
 * must fit its schema, is checked once the agent is found.)
 */
export async function checkCreateCall(
  deps: CheckDeps & Pick<CreateOutboundCallDeps, "liveTelephony">,
  body: unknown,
): Promise<CheckedCreateCall> {
  const fields = fieldsOf(body);
  const parsed = CreateOutboundCallRequest.safeParse(body);
  const schema = parsed.success ? [] : zodProblems(parsed.error);
  const named = namedFields(schema);
  const numbers = checkCallNumbers({ to: fields.to, from: fields.from }, { liveTelephony: deps.liveTelephony, unread: named });
  const script =
    fields.simulated_callee === undefined || fields.simulated_callee === null ? null : simulatedCalleeRefusal(deps.liveTelephony, true);
  const problems = [
    ...numbers.problems,
    ...schema,
    ...(script ? [{ param: "simulated_callee", message: script.replace(/^simulated_callee: /, "") }] : []),
    ...(await webhookProblems(deps, fields.webhook_url, named)),
  ];
  if (!parsed.success || problems.length > 0 || numbers.to === null) throw validationFailed(problems);
  return { ...parsed.data, to: numbers.to, ...(numbers.from === null ? {} : { from: numbers.from }) } as CheckedCreateCall;
}

/** Every problem of a PATCH body at once, in one 422: the schema's and the webhook destination's. */
export async function checkUpdateCall(deps: CheckDeps, body: unknown): Promise<CheckedUpdateCall> {
  const parsed = UpdateCallRequest.safeParse(body);
  const schema = parsed.success ? [] : zodProblems(parsed.error);
  const problems = [...schema, ...(await webhookProblems(deps, fieldsOf(body).webhook_url, namedFields(schema)))];
  if (!parsed.success || problems.length > 0) throw validationFailed(problems);
  return parsed.data as CheckedUpdateCall;
}
