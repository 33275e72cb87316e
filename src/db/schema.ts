// Every module's tables, gathered for Drizzle (queries and drizzle-kit migrations).
export * from "../modules/accounts/schema";
export * from "../modules/audit/schema";
export * from "../modules/directory/schema";
export * from "../modules/exchange/schema";
export * from "../modules/groups/schema";
export * from "../modules/instance/schema";
export * from "../modules/jobs/schema";
export * from "../modules/messages/schema";
