// Every job kind the server runs, by name. Modules add their handlers here
// (e.g. "exchange.expire_claim": expireClaim) and schedule them with `enqueue`.
import type { JobHandlers } from "./runner";

export const jobHandlers: JobHandlers = {};
