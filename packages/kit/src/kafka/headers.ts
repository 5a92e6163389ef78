/**
 * The Kafka header that carries an event's CloudEvents `type` (the Kafka protocol binding's name
 * for it), set by the outbox relay so consumers can filter before parsing the body.
 */
export const EVENT_TYPE_HEADER = "ce_type";
