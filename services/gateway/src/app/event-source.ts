/** The CloudEvents `source` of every event the gateway emits. */
export const GATEWAY_EVENT_SOURCE = "/voxbridge/gateway";
