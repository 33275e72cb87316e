import { createBrowserRouter } from "react-router";
import { Layout } from "./components/Layout";
import { PageLoading } from "./components/PageLoading";
import { RouteError } from "./components/RouteError";
import { Home } from "./routes/Home";

// Home is in the first-load bundle; every other page is its own chunk, loaded when visited.
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
            path: "*",
            lazy: async () => ({ Component: (await import("./routes/NotFound")).default }),
          },
        ],
      },
    ],
  },
]);
