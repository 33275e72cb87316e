// Every module's tables, gathered for Drizzle (queries and drizzle-kit migrations).
export * from "../modules/instance/schema";
