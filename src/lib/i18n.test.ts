import { describe, expect, it } from "vitest";
import { fromAcceptLanguage, translate } from "./i18n";

describe("server translation", () => {
  it("fills placeholders in the chosen language", () => {
    expect(translate("es", "field.too_small_string", { minimum: 3 })).toBe(
      "Escriba al menos 3 caracteres.",
    );
    expect(translate("en", "field.too_small_string", { minimum: 3 })).toBe(
      "Enter at least 3 characters.",
    );
  });

  it("falls back to the key when nothing matches", () => {
    expect(translate("es", "no.such.key")).toBe("no.such.key");
  });

  it("honours quality values and regional tags in Accept-Language", () => {
    expect(fromAcceptLanguage("fr-FR, es-MX;q=0.9, en;q=0.8")).toBe("es");
    expect(fromAcceptLanguage("en-GB;q=0.5, es;q=0.7")).toBe("es");
    expect(fromAcceptLanguage("de, fr")).toBeUndefined();
    expect(fromAcceptLanguage("es;q=0, en")).toBe("en");
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });
});
