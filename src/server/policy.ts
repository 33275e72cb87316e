// The policy layer: every API route names one declarative rule (`config: { policy: "<name>" }`);
// a route without one, or naming an unknown one, stops the server at start. Rules run before
// the body is validated, so a refused caller learns nothing about the request's shape.
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from "fastify";
import type { Db } from "../db/connect";
import type { GroupRole } from "../modules/groups/schema";
import { groupNetworkId } from "../modules/groups/store";
import { Problem } from "./problem";
import { isNetworkAdmin, roleAtLeast, type Viewer } from "./viewer";

export interface PolicyContext {
  viewer: Viewer;
  params: Record<string, string | undefined>;
  db: Db;
}

export type Rule = (ctx: PolicyContext) => boolean | Promise<boolean>;

const registry = new Map<string, Rule>();

/** Registers a module's rules as "<module>.<action>" and returns those names for routes. */
export function definePolicies<T extends Record<string, Rule>>(
  module: string,
  rules: T,
): { readonly [K in keyof T]: string } {
  const names = {} as { [K in keyof T]: string };
  for (const [action, rule] of Object.entries(rules)) {
    const name = `${module}.${action}`;
    registry.set(name, rule);
    names[action as keyof T] = name;
  }
  return names;
}

export function policyNames(): string[] {
  return [...registry.keys()];
}

// ---- the vocabulary rules are written in ----

export const anyone: Rule = () => true;
export const signedIn: Rule = ({ viewer }) => viewer.user !== null;
export const nobody: Rule = () => false;

/** The group in the route's :groupId must exist; 404 otherwise (before any 401/403). */
async function networkOfGroup(ctx: PolicyContext): Promise<string> {
  const groupId = ctx.params.groupId;
  const networkId = groupId && isUuid(groupId) ? await groupNetworkId(ctx.db, groupId) : null;
  if (!networkId) throw new Problem(404, "group_not_found");
  return networkId;
}

/** A signed-in member of the route's group with at least `min`, or a network admin. */
export function inGroup(min: GroupRole): Rule {
  return async (ctx) => {
    const networkId = await networkOfGroup(ctx);
    if (!ctx.viewer.user) return false;
    const groupId = ctx.params.groupId as string;
    return (
      roleAtLeast(ctx.viewer.groupRoles.get(groupId), min) || isNetworkAdmin(ctx.viewer, networkId)
    );
  };
}

/** Anyone, but the route's group must exist (404 otherwise). */
export const groupExists: Rule = async (ctx) => {
  await networkOfGroup(ctx);
  return true;
};

/** A signed-in person, and the route's group must exist. */
export const signedInToGroup: Rule = async (ctx) => {
  await networkOfGroup(ctx);
  return ctx.viewer.user !== null;
};

/** An administrator of the route's :networkId. */
export const networkAdmin: Rule = ({ viewer, params }) => isNetworkAdmin(viewer, params.networkId);

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

// ---- enforcement ----

declare module "fastify" {
  interface FastifyContextConfig {
    policy?: string;
  }
}

const GOVERNED = /^\/api\/v1\//;

export interface GovernedRoute {
  method: string;
  url: string;
  policy: string;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every API route with the policy it names (for the authorization matrix test). */
    governedRoutes: GovernedRoute[];
  }
}

export function registerPolicyEnforcement(app: FastifyInstance): void {
  app.decorate("governedRoutes", [] as GovernedRoute[]);
  app.addHook("onRoute", (route) => {
    if (!GOVERNED.test(route.url)) return;
    const name = route.config?.policy;
    if (!name) throw new Error(`${route.method} ${route.url} has no policy (config.policy)`);
    const rule = registry.get(name);
    if (!rule) throw new Error(`${route.method} ${route.url} names unknown policy "${name}"`);
    for (const method of ([] as string[]).concat(route.method)) {
      if (method !== "HEAD") app.governedRoutes.push({ method, url: route.url, policy: name });
    }
    const check: onRequestHookHandler = async (request: FastifyRequest) => {
      const allowed = await rule({
        viewer: request.viewer,
        params: request.params as Record<string, string | undefined>,
        db: app.database.db,
      });
      if (!allowed) {
        throw request.viewer.user
          ? new Problem(403, "forbidden")
          : new Problem(401, "sign_in_required");
      }
    };
    const existing = route.onRequest;
    route.onRequest = [...(existing ? ([] as onRequestHookHandler[]).concat(existing) : []), check];
  });
}

/** Any active member of the route's group, whatever the role (or a network admin). */
export const anyRoleInGroup: Rule = async (ctx) => {
  const networkId = await networkOfGroup(ctx);
  if (!ctx.viewer.user) return false;
  return (
    ctx.viewer.groupRoles.has(ctx.params.groupId as string) || isNetworkAdmin(ctx.viewer, networkId)
  );
};
