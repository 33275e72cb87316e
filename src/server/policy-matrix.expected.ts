// Who may call each API route: the reviewed table the matrix test compares with reality.
// Personas are relative to one group ("A"): a member of another group is a stranger to A.
export const PERSONAS = [
  "anonymous",
  "otherGroupMember",
  "member",
  "volunteer",
  "coordinator",
  "admin",
  "networkAdmin",
] as const;
export type Persona = (typeof PERSONAS)[number];
type Row = Record<Persona, "allow" | "deny">;

function row(allowed: Persona[]): Row {
  return Object.fromEntries(
    PERSONAS.map((p) => [p, allowed.includes(p) ? "allow" : "deny"]),
  ) as Row;
}

const everyone = row([...PERSONAS]);
const signedIn = row(PERSONAS.filter((p) => p !== "anonymous"));
const networkAdmins = row(["networkAdmin"]);
const membersOfA = row(["member", "volunteer", "coordinator", "admin", "networkAdmin"]);
const volunteersOfA = row(["volunteer", "coordinator", "admin", "networkAdmin"]);
const coordinatorsOfA = row(["coordinator", "admin", "networkAdmin"]);
const adminsOfA = row(["admin", "networkAdmin"]);

export const expected: Record<string, Row> = {
  // instance and setup
  "GET /api/v1/meta": everyone,
  "GET /api/v1/setup": everyone,
  "POST /api/v1/setup": everyone, // open until done; the route itself refuses afterwards
  // accounts: forms anyone may send, and one's own account
  "POST /api/v1/auth/sign-up": everyone,
  "POST /api/v1/auth/sign-in": everyone,
  "POST /api/v1/auth/sign-in-link": everyone,
  "POST /api/v1/auth/sign-in-link/consume": everyone,
  "POST /api/v1/auth/verify-email": everyone,
  "POST /api/v1/auth/password-reset": everyone,
  "POST /api/v1/auth/password-reset/complete": everyone,
  "POST /api/v1/auth/unlock": everyone,
  "POST /api/v1/auth/sign-out": everyone,
  "POST /api/v1/auth/verify-email/resend": signedIn,
  "POST /api/v1/auth/sign-out-everywhere": signedIn,
  "GET /api/v1/me": signedIn,
  "PATCH /api/v1/me": signedIn,
  "DELETE /api/v1/me": signedIn,
  "GET /api/v1/me/export": signedIn,
  // networks
  "GET /api/v1/networks": everyone,
  "PUT /api/v1/networks/:networkId/roles/:userId": networkAdmins,
  "POST /api/v1/networks/:networkId/groups": networkAdmins,
  // groups
  "GET /api/v1/groups": everyone,
  "GET /api/v1/groups/:groupId": everyone,
  "PATCH /api/v1/groups/:groupId": adminsOfA,
  "POST /api/v1/groups/:groupId/join": signedIn,
  "POST /api/v1/groups/:groupId/leave": membersOfA,
  "GET /api/v1/groups/:groupId/members": membersOfA,
  "PATCH /api/v1/groups/:groupId/members/:userId": adminsOfA,
  "DELETE /api/v1/groups/:groupId/members/:userId": adminsOfA,
  "GET /api/v1/groups/:groupId/join-requests": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/join-requests/:userId/approve": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/join-requests/:userId/decline": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/invitations": coordinatorsOfA,
  "GET /api/v1/groups/:groupId/invitations": coordinatorsOfA,
  "DELETE /api/v1/groups/:groupId/invitations/:invitationId": coordinatorsOfA,
  "GET /api/v1/groups/:groupId/audit": adminsOfA,
  "GET /api/v1/invitations/:token": everyone,
  "POST /api/v1/invitations/:token/accept": signedIn,
  "GET /api/v1/me/memberships": signedIn,
  // exchange: public intake and the requester's status link (the token is the key), one need
  "POST /api/v1/groups/:groupId/needs": everyone,
  "POST /api/v1/needs/status": everyone,
  "POST /api/v1/needs/status/cancel": everyone,
  "GET /api/v1/groups/:groupId/needs/:needId": membersOfA,
  "GET /api/v1/groups/:groupId/needs": volunteersOfA,
  "GET /api/v1/groups/:groupId/needs/events": volunteersOfA,
  // exchange: the shareable list (counts by area only) and the coordinators' CSV export
  "GET /api/v1/groups/:groupId/needs/shared": everyone,
  "GET /api/v1/groups/:groupId/needs/export.csv": coordinatorsOfA,
  // exchange: claims and the need's transitions (holding the claim is checked by the route)
  "POST /api/v1/groups/:groupId/needs/:needId/claim": volunteersOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/release": volunteersOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/start": volunteersOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/fulfil": volunteersOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/triage": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/close": volunteersOfA,
  // messages: a need's masked thread (the route checks the claim; the token is the requester's key)
  "GET /api/v1/groups/:groupId/needs/:needId/messages": volunteersOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/messages": volunteersOfA,
  "POST /api/v1/needs/status/messages": everyone,
  "POST /api/v1/needs/status/messages/send": everyone,
  // exchange: the requester's status page (details, confirmation)
  "POST /api/v1/needs/status/details": everyone,
  "POST /api/v1/needs/status/confirm": everyone,
  // exchange: duplicates (merge, dismiss)
  "GET /api/v1/groups/:groupId/needs/duplicates": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/duplicate/merge": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/needs/:needId/duplicate/dismiss": coordinatorsOfA,
  "GET /api/v1/groups/:groupId/needs/:needId/merged": coordinatorsOfA,
  // exchange: the exchange record (profiles)
  "GET /api/v1/me/exchanges": signedIn,
  // offers
  "POST /api/v1/groups/:groupId/offers": everyone,
  "POST /api/v1/offers/status": everyone,
  "POST /api/v1/offers/status/withdraw": everyone,
  "GET /api/v1/groups/:groupId/offers": volunteersOfA,
  "GET /api/v1/groups/:groupId/offers/:offerId": volunteersOfA,
  "POST /api/v1/groups/:groupId/offers/:offerId/use": coordinatorsOfA,
  // imports (spreadsheets)
  "POST /api/v1/groups/:groupId/imports/columns": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/imports/dry-run": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/imports": coordinatorsOfA,
  // location (geocoder)
  "POST /api/v1/geocode": everyone,
  // directory: search and listings are public; anyone may suggest a correction
  "GET /api/v1/directory/search": everyone,
  "GET /api/v1/directory/services/:serviceId": everyone,
  "GET /api/v1/directory/services/:serviceId/text": everyone,
  "POST /api/v1/directory/services/:serviceId/suggestions": everyone,
  // directory: the network's admins import, assign stewards, edit and review everything
  "POST /api/v1/directory/imports/inspect": networkAdmins,
  "POST /api/v1/directory/imports/dry-run": networkAdmins,
  "POST /api/v1/directory/imports": networkAdmins,
  "GET /api/v1/directory/imports": networkAdmins,
  "GET /api/v1/directory/listings": networkAdmins,
  "PATCH /api/v1/directory/services/:serviceId": networkAdmins,
  "POST /api/v1/directory/services/:serviceId/verify": networkAdmins,
  "PUT /api/v1/directory/organizations/:organizationId/steward": networkAdmins,
  "GET /api/v1/directory/suggestions": networkAdmins,
  "POST /api/v1/directory/suggestions/:suggestionId": networkAdmins,
  // directory: a partner group's coordinators keep their own organization's listings true
  // (the route checks that the group stewards the listing)
  "GET /api/v1/groups/:groupId/directory/listings": coordinatorsOfA,
  "PATCH /api/v1/groups/:groupId/directory/services/:serviceId": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/directory/services/:serviceId/verify": coordinatorsOfA,
  "GET /api/v1/groups/:groupId/directory/suggestions": coordinatorsOfA,
  "POST /api/v1/groups/:groupId/directory/suggestions/:suggestionId": coordinatorsOfA,
};
