// The accounts API's rate limits (before MUTUO_RATE_LIMIT_SCALE). Per IP they slow down one
// machine; per email they protect one person's inbox and password from many machines.
import { HOUR, type Limit, MINUTE } from "../../lib/rate-limit";

export const LIMITS = {
  signUpPerIp: { max: 5, windowMs: HOUR },
  signInPerIp: { max: 10, windowMs: MINUTE },
  signInPerEmail: { max: 5, windowMs: MINUTE },
  /** Sign-in links and password resets: each sends an email. */
  mailPerIp: { max: 5, windowMs: HOUR },
  mailPerEmail: { max: 3, windowMs: HOUR },
  verifyPerAccount: { max: 5, windowMs: HOUR },
  /** Using an emailed link; tokens cannot be guessed, this only stops hammering. */
  linkPerIp: { max: 30, windowMs: 10 * MINUTE },
  /** Deleting the account asks for the password: a stolen session must not be able to guess it. */
  deletePerAccount: { max: 5, windowMs: HOUR },
  exportPerAccount: { max: 10, windowMs: HOUR },
} satisfies Record<string, Limit>;
