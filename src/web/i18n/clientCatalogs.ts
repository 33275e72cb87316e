// What the browser needs: the app's own texts. The server-only catalogs (accounts/, groups/:
// problem and field messages, emails) stay out of the bundle, since problems arrive translated.
import en from "./en.json";
import es from "./es.json";
// Only the names of categories and urgencies; the exchange's problem messages stay on the server.
import { exchange as enExchange } from "./exchange/en.json";
import { exchange as esExchange } from "./exchange/es.json";
import enMaps from "./maps/en.json";
import esMaps from "./maps/es.json";
import { mergeCatalogs } from "./merge";
import enScreens from "./screens/en.json";
import esScreens from "./screens/es.json";

export const clientCatalogs = {
  en: mergeCatalogs([en, enMaps, enScreens, { exchange: enExchange }]),
  es: mergeCatalogs([es, esMaps, esScreens, { exchange: esExchange }]),
} as const;
