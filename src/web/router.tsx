import type { ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { Layout } from "./components/Layout";
import { PageLoading } from "./components/PageLoading";
import { RouteError } from "./components/RouteError";
import { Home } from "./routes/Home";

/** A page in its own chunk, downloaded the first time its address is visited. */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): RouteObject["lazy"] {
  return async () => ({ Component: pick(await load()) });
}

// Home is in the first-load bundle; every other page is its own chunk, loaded when visited.
// Pages that fetch data sit under DataLayer, which brings the data layer (TanStack Query) with
// the first of them.
export const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        // Keeps the header and footer around a page that failed to render or is still loading.
        errorElement: <RouteError />,
        HydrateFallback: PageLoading,
        children: [
          { index: true, element: <Home /> },
          {
            lazy: page(
              () => import("./routes/DataLayer"),
              (m) => m.default,
            ),
            children: [
              {
                path: "setup",
                lazy: page(
                  () => import("./routes/Setup"),
                  (m) => m.default,
                ),
              },
              {
                path: "sign-up",
                lazy: page(
                  () => import("./routes/auth/SignUp"),
                  (m) => m.default,
                ),
              },
              {
                path: "sign-in",
                lazy: page(
                  () => import("./routes/auth/SignIn"),
                  (m) => m.default,
                ),
              },
              {
                path: "sign-in/link",
                lazy: page(
                  () => import("./routes/auth/EmailLinks"),
                  (m) => m.SignInLink,
                ),
              },
              {
                path: "verify-email",
                lazy: page(
                  () => import("./routes/auth/EmailLinks"),
                  (m) => m.VerifyEmail,
                ),
              },
              {
                path: "unlock",
                lazy: page(
                  () => import("./routes/auth/EmailLinks"),
                  (m) => m.Unlock,
                ),
              },
              {
                path: "reset-password",
                lazy: page(
                  () => import("./routes/auth/ResetPassword"),
                  (m) => m.RequestReset,
                ),
              },
              {
                path: "reset-password/complete",
                lazy: page(
                  () => import("./routes/auth/ResetPassword"),
                  (m) => m.CompleteReset,
                ),
              },
              {
                path: "profile",
                lazy: page(
                  () => import("./routes/Profile"),
                  (m) => m.default,
                ),
              },
              {
                path: "join",
                lazy: page(
                  () => import("./routes/Join"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups",
                lazy: page(
                  () => import("./routes/groups/GroupDirectory"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/new",
                lazy: page(
                  () => import("./routes/groups/NewGroup"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId",
                lazy: page(
                  () => import("./routes/groups/GroupPage"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/ask",
                lazy: page(
                  () => import("./routes/exchange/AskForHelp"),
                  (m) => m.default,
                ),
              },
              {
                path: "status",
                lazy: page(
                  () => import("./routes/exchange/NeedStatus"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/offer",
                lazy: page(
                  () => import("./routes/offers/OfferHelp"),
                  (m) => m.default,
                ),
              },
              {
                path: "offer-status",
                lazy: page(
                  () => import("./routes/offers/OfferStatus"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/offers",
                lazy: page(
                  () => import("./routes/offers/Offers"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/needs",
                lazy: page(
                  () => import("./routes/exchange/Board"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/needs/:needId",
                lazy: page(
                  () => import("./routes/exchange/NeedDetail"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/needs/duplicates",
                lazy: page(
                  () => import("./routes/exchange/Duplicates"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/import",
                lazy: page(
                  () => import("./routes/exchange/Import"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/shared",
                lazy: page(
                  () => import("./routes/exchange/SharedList"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/export",
                lazy: page(
                  () => import("./routes/exchange/ExportNeeds"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/members",
                lazy: page(
                  () => import("./routes/groups/Members"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/settings",
                lazy: page(
                  () => import("./routes/groups/GroupSettings"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/audit",
                lazy: page(
                  () => import("./routes/groups/AuditLog"),
                  (m) => m.default,
                ),
              },
              {
                path: "directory",
                lazy: page(
                  () => import("./routes/directory/Search"),
                  (m) => m.default,
                ),
              },
              {
                path: "directory/services/:serviceId",
                lazy: page(
                  () => import("./routes/directory/ServicePage"),
                  (m) => m.default,
                ),
              },
              {
                path: "directory/import",
                lazy: page(
                  () => import("./routes/directory-admin/DirectoryImport"),
                  (m) => m.default,
                ),
              },
              {
                path: "directory/listings",
                lazy: page(
                  () => import("./routes/directory-admin/Listings"),
                  (m) => m.default,
                ),
              },
              {
                path: "directory/listings/:serviceId",
                lazy: page(
                  () => import("./routes/directory-admin/EditListing"),
                  (m) => m.default,
                ),
              },
              {
                path: "directory/suggestions",
                lazy: page(
                  () => import("./routes/directory-admin/Suggestions"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/directory",
                lazy: page(
                  () => import("./routes/directory-admin/GroupListings"),
                  (m) => m.default,
                ),
              },
              {
                path: "groups/:groupId/directory/services/:serviceId",
                lazy: page(
                  () => import("./routes/directory-admin/EditListing"),
                  (m) => m.default,
                ),
              },
            ],
          },
          {
            path: "*",
            lazy: page(
              () => import("./routes/NotFound"),
              (m) => m.default,
            ),
          },
        ],
      },
    ],
  },
]);
