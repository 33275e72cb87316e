// All translation catalogs, one file per area and language, merged into one tree per language:
// what the server translates with. Areas may share a top-level section (each adds its own
// `problem.*` codes); a key defined twice is an error (see merge.ts).
import enAccounts from "./accounts/en.json";
import esAccounts from "./accounts/es.json";
import enBoard from "./board/en.json";
import esBoard from "./board/es.json";
import enBoardScreens from "./board/screens.en.json";
import esBoardScreens from "./board/screens.es.json";
import enDirectory from "./directory/en.json";
import esDirectory from "./directory/es.json";
import enDirectoryScreens from "./directory/screens.en.json";
import esDirectoryScreens from "./directory/screens.es.json";
import enDirectoryAdmin from "./directory-admin/en.json";
import esDirectoryAdmin from "./directory-admin/es.json";
import enDirectoryAdminScreens from "./directory-admin/screens.en.json";
import esDirectoryAdminScreens from "./directory-admin/screens.es.json";
import enDirectoryImport from "./directory-import/en.json";
import esDirectoryImport from "./directory-import/es.json";
import enDirectoryImportRoutes from "./directory-import/routes.en.json";
import esDirectoryImportRoutes from "./directory-import/routes.es.json";
import enDirectoryImportScreens from "./directory-import/screens.en.json";
import esDirectoryImportScreens from "./directory-import/screens.es.json";
import en from "./en.json";
import es from "./es.json";
import enExchange from "./exchange/en.json";
import esExchange from "./exchange/es.json";
import enGroups from "./groups/en.json";
import esGroups from "./groups/es.json";
import enImports from "./imports/en.json";
import esImports from "./imports/es.json";
import enImportsScreens from "./imports/screens.en.json";
import esImportsScreens from "./imports/screens.es.json";
import enLocation from "./location/en.json";
import esLocation from "./location/es.json";
import enLocationScreens from "./location/screens.en.json";
import esLocationScreens from "./location/screens.es.json";
import enMaps from "./maps/en.json";
import esMaps from "./maps/es.json";
import { type Catalog, mergeCatalogs } from "./merge";
import enMessages from "./messages/en.json";
import esMessages from "./messages/es.json";
import enNotifications from "./notifications/en.json";
import esNotifications from "./notifications/es.json";
import enOffers from "./offers/en.json";
import esOffers from "./offers/es.json";
import enOffersScreens from "./offers/screens.en.json";
import esOffersScreens from "./offers/screens.es.json";
import enRecords from "./records/en.json";
import esRecords from "./records/es.json";
import enRecordsScreens from "./records/screens.en.json";
import esRecordsScreens from "./records/screens.es.json";
import enScreens from "./screens/en.json";
import esScreens from "./screens/es.json";
import enSharing from "./sharing/en.json";
import esSharing from "./sharing/es.json";
import enSharingScreens from "./sharing/screens.en.json";
import esSharingScreens from "./sharing/screens.es.json";

export { type Catalog, mergeCatalogs };

/**
 * Texts of lazily loaded screens (`<area>/screens.<language>.json`): each page registers its own
 * with `addScreenTexts` when its chunk loads, so they stay out of the first-load bundle.
 */
export const screenCatalogs = {
  en: mergeCatalogs([
    enBoardScreens,
    enOffersScreens,
    enRecordsScreens,
    enImportsScreens,
    enLocationScreens,
    enSharingScreens,
    enDirectoryScreens,
    enDirectoryImportScreens,
    enDirectoryAdminScreens,
  ]),
  es: mergeCatalogs([
    esBoardScreens,
    esOffersScreens,
    esRecordsScreens,
    esImportsScreens,
    esLocationScreens,
    esSharingScreens,
    esDirectoryScreens,
    esDirectoryImportScreens,
    esDirectoryAdminScreens,
  ]),
} as const;

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
    enBoard,
    enOffers,
    enRecords,
    enImports,
    enLocation,
    enSharing,
    enDirectory,
    enDirectoryImport,
    enDirectoryImportRoutes,
    enDirectoryAdmin,
    screenCatalogs.en,
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
    esBoard,
    esOffers,
    esRecords,
    esImports,
    esLocation,
    esSharing,
    esDirectory,
    esDirectoryImport,
    esDirectoryImportRoutes,
    esDirectoryAdmin,
    screenCatalogs.es,
  ]),
} as const;
