/**
 * Org concurrency: an org has at most its own limit (`org_dial_limits`) or the default
 * (DIALER_ORG_CONCURRENCY) of calls live at once.
 */

/** How many more calls an org may have live: its limit (or the default) less its live calls. */
export const orgRoom = (active: number, limit: number | null, defaultLimit: number): number =>
  Math.max(0, (limit ?? defaultLimit) - active);

/** Each org's room in a claim, none above the claim's budget; orgs without room are left out. */
export const orgRooms = (
  orgs: { orgId: string; active: number; limit: number | null }[],
  defaultLimit: number,
  budget: number,
): { orgId: string; room: number }[] =>
  orgs
    .map((org) => ({ orgId: org.orgId, room: Math.min(budget, orgRoom(org.active, org.limit, defaultLimit)) }))
    .filter((org) => org.room > 0);
