import { describe, expect, it } from "vitest";
import { languageCookie, matchLanguage, pickLanguage, readCookie } from "./language";

describe("language choice", () => {
  it("matches regional and differently written tags to a supported language", () => {
    expect(matchLanguage("es-MX")).toBe("es");
    expect(matchLanguage("ES_419")).toBe("es");
    expect(matchLanguage(" en-GB ")).toBe("en");
    expect(matchLanguage("fr-CA")).toBeUndefined();
    expect(matchLanguage("")).toBeUndefined();
    expect(matchLanguage(null)).toBeUndefined();
  });

  it("prefers the saved choice, then the cookie, then <html lang>, then the browser", () => {
    const all = { stored: "es", cookie: "en", htmlLang: "en", navigatorLanguages: ["en"] };
    expect(pickLanguage(all)).toBe("es");
    expect(pickLanguage({ ...all, stored: null })).toBe("en");
    expect(pickLanguage({ cookie: "es", htmlLang: "en" })).toBe("es");
    expect(pickLanguage({ htmlLang: "es", navigatorLanguages: ["en-US"] })).toBe("es");
    expect(pickLanguage({ navigatorLanguages: ["fr-FR", "es-AR", "en"] })).toBe("es");
  });

  it("skips unsupported values and falls back to English", () => {
    expect(pickLanguage({ stored: "de", cookie: "xx", navigatorLanguages: ["fr"] })).toBe("en");
    expect(pickLanguage({})).toBe("en");
  });

  it("reads the language cookie among others", () => {
    expect(readCookie("a=1; mutuo_lang=es; b=2", "mutuo_lang")).toBe("es");
    expect(readCookie("xmutuo_lang=es", "mutuo_lang")).toBeUndefined();
    expect(readCookie("", "mutuo_lang")).toBeUndefined();
  });

  it("writes a year-long, site-wide cookie the server can read", () => {
    expect(languageCookie("es", false)).toBe(
      "mutuo_lang=es; Path=/; Max-Age=31536000; SameSite=Lax",
    );
    expect(languageCookie("en", true)).toBe(
      "mutuo_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; Secure",
    );
  });
});
