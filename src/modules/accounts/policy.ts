// Who may do what with accounts. Signing up, in and out, and every emailed-link action are open
// to anyone (the link itself is the proof); everything about "me" needs a session.
import { anyone, definePolicies, signedIn } from "../../server/policy";

export const accountsPolicy = definePolicies("accounts", {
  signUp: anyone,
  signIn: anyone,
  requestSignInLink: anyone,
  consumeSignInLink: anyone,
  verifyEmail: anyone,
  resendVerification: signedIn,
  requestPasswordReset: anyone,
  completePasswordReset: anyone,
  unlock: anyone,
  signOut: anyone,
  signOutEverywhere: signedIn,
  readMe: signedIn,
  updateMe: signedIn,
  exportMe: signedIn,
  deleteMe: signedIn,
});
