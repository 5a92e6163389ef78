import {
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesQuery,
  ListWebhookEndpointsQuery,
  UpdateWebhookEndpointRequest,
  type WebhookDeliveryList,
  type WebhookEndpointList,
} from "@voxbridge/contracts";
import { AppError, jsonBody, requireServiceCredential, servesCallers } from "@voxbridge/kit";
import { Router } from "express";
import { z } from "zod";
import { type DeliveryLogDeps, listDeliveries, retryDelivery } from "../app/delivery-log";
import { type OrgSecretDeps, rotateOrgSigningSecret } from "../app/org-signing-secret";
import {
  createEndpoint,
  deleteEndpoint,
  type EndpointDeps,
  getEndpoint,
  listEndpoints,
  rotateEndpointSecret,
  updateEndpoint,
} from "../app/webhook-endpoints";

/** Path ids that are not UUIDs cannot name anything: 404, like a missing one. */
/** Every route is an org's: the gateway names the org it authenticated. */
const ORG = "/internal/v1/orgs/:org_id";

function pathId(params: unknown, name: string, resource: string): string {
  const value = (params as Record<string, unknown>)[name];
  if (!z.uuid().safeParse(value).success) throw new AppError("not_found", `No ${resource} with this id`, { param: name });
  return value as string;
}

/** The gateway changes what a partner asks it to; an operator may also read, and retry a delivery. */
const partnerChange = servesCallers("gateway");
const partnerRead = servesCallers("gateway", "operator");

/**
 * The internal API the gateway calls on a partner's behalf (docs/webhooks.md), for callers with a
 * service credential only, each route for the callers it lists. The org id in the path comes from
 * the gateway's authentication; every lookup is scoped by it.
 */
export function internalApi(
  deps: EndpointDeps & DeliveryLogDeps & OrgSecretDeps,
  options: { bodyLimit: string; callers: Record<string, string> },
): Router {
  const api = Router();
  // Every internal route needs a caller's service credential, and a caller on the route's list,
  // both checked before the body is read.
  api.use("/internal", requireServiceCredential(options.callers));
  const body = jsonBody(options.bodyLimit);
  const org = (params: unknown) => pathId(params, "org_id", "organization");
  const endpointId = (params: unknown) => pathId(params, "endpoint_id", "webhook endpoint");

  api.post(`${ORG}/webhook-endpoints`, partnerChange, ...body, async (req, res) => {
    const endpoint = await createEndpoint(deps, org(req.params), CreateWebhookEndpointRequest.parse(req.body ?? {}));
    res.status(201).json(endpoint);
  });
  api.get(`${ORG}/webhook-endpoints`, partnerRead, ...body, async (req, res) => {
    const body: WebhookEndpointList = await listEndpoints(deps, org(req.params), ListWebhookEndpointsQuery.parse(req.query));
    res.json(body);
  });
  api.get(`${ORG}/webhook-endpoints/:endpoint_id`, partnerRead, ...body, async (req, res) => {
    res.json(await getEndpoint(deps, org(req.params), endpointId(req.params)));
  });
  api.patch(`${ORG}/webhook-endpoints/:endpoint_id`, partnerChange, ...body, async (req, res) => {
    const patch = UpdateWebhookEndpointRequest.parse(req.body ?? {});
    res.json(await updateEndpoint(deps, org(req.params), endpointId(req.params), patch));
  });
  api.delete(`${ORG}/webhook-endpoints/:endpoint_id`, partnerChange, ...body, async (req, res) => {
    await deleteEndpoint(deps, org(req.params), endpointId(req.params));
    res.status(204).end();
  });
  api.post(`${ORG}/webhook-endpoints/:endpoint_id/rotate-secret`, partnerChange, ...body, async (req, res) => {
    res.json(await rotateEndpointSecret(deps, org(req.params), endpointId(req.params)));
  });
  api.post(`${ORG}/signing-secret/rotate`, partnerChange, ...body, async (req, res) => {
    res.json(await rotateOrgSigningSecret(deps, org(req.params)));
  });
  api.get(`${ORG}/webhook-deliveries`, partnerRead, ...body, async (req, res) => {
    const body: WebhookDeliveryList = await listDeliveries(deps, org(req.params), ListWebhookDeliveriesQuery.parse(req.query));
    res.json(body);
  });
  api.post(`${ORG}/webhook-deliveries/:delivery_id/retry`, partnerRead, ...body, async (req, res) => {
    res.json(await retryDelivery(deps, org(req.params), pathId(req.params, "delivery_id", "webhook delivery")));
  });
  return api;
}
