import { describe, expect, it } from "vitest";
import { loadConfig, tileSource } from "./config";

describe("configuration", () => {
  it("has safe defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      defaultLanguage: "en",
      trustProxy: false,
    });
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.allowedOrigins).toEqual(["http://localhost:3000"]);
  });

  it("refuses values that make no sense, naming the variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ MUTUO_DEFAULT_LANGUAGE: "fr" })).toThrow(/MUTUO_DEFAULT_LANGUAGE/);
    expect(() => loadConfig({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ MUTUO_PUBLIC_URL: "ftp://x" })).toThrow(/MUTUO_PUBLIC_URL/);
  });

  it("runs background jobs unless MUTUO_JOBS=off", () => {
    expect(loadConfig({}).jobs).toBe(true);
    expect(loadConfig({ MUTUO_JOBS: "on" }).jobs).toBe(true);
    expect(loadConfig({ MUTUO_JOBS: "off" }).jobs).toBe(false);
    expect(loadConfig({ MUTUO_JOBS: "OFF" }).jobs).toBe(false);
    expect(() => loadConfig({ MUTUO_JOBS: "sometimes" })).toThrow(/MUTUO_JOBS/);
  });

  it("allows the tile server's host for map images", () => {
    expect(tileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe(
      "https://tile.openstreetmap.org",
    );
    expect(tileSource("https://{s}.tiles.example.org/{z}/{x}/{y}.png")).toBe(
      "https://*.tiles.example.org",
    );
    expect(tileSource("/tiles/{z}/{x}/{y}.png")).toBeNull();
  });
});
