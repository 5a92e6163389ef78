/**
 * The create-call request of the published Calls API page, byte for byte. Tests send this text as
 * it stands (never rebuilt from a schema), so the contract's first example cannot drift from what
 * the API accepts.
 */
export const PUBLISHED_CREATE_CALL_EXAMPLE =
  '{"to":"+15551234567","from":"+15559876543","agent_id":null,"client_name":"Jane Doe","context":{"reference_number":"398690","product":"personal_loan"},"metadata":{"crm_id":"lead_8821"},"schedule_at":null,"webhook_url":"https://partner.example/hooks/voice","max_attempts":3}';
