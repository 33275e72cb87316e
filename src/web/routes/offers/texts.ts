// The offers screens' texts, registered once by whichever offers module loads first.
import en from "../../i18n/offers/screens.en.json";
import es from "../../i18n/offers/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";

addScreenTexts({ en, es });
