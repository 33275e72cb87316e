// All translation catalogs, one file per area and language, merged into one tree per language:
// what the server translates with. Areas may share a top-level section (each adds its own
// `problem.*` codes); a key defined twice is an error (see merge.ts).
import enAccounts from "./accounts/en.json";
import esAccounts from "./accounts/es.json";
import en from "./en.json";
import es from "./es.json";
import enExchange from "./exchange/en.json";
import esExchange from "./exchange/es.json";
import enGroups from "./groups/en.json";
import esGroups from "./groups/es.json";
import enMaps from "./maps/en.json";
import esMaps from "./maps/es.json";
import { type Catalog, mergeCatalogs } from "./merge";
import enMessages from "./messages/en.json";
import esMessages from "./messages/es.json";
import enNotifications from "./notifications/en.json";
import esNotifications from "./notifications/es.json";
import enScreens from "./screens/en.json";
import esScreens from "./screens/es.json";

export { type Catalog, mergeCatalogs };

export const catalogs = {
  en: mergeCatalogs([
    en,
    enAccounts,
    enGroups,
    enExchange,
    enMaps,
    enMessages,
    enNotifications,
    enScreens,
  ]),
  es: mergeCatalogs([
    es,
    esAccounts,
    esGroups,
    esExchange,
    esMaps,
    esMessages,
    esNotifications,
    esScreens,
  ]),
} as const;
