import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from "react-router";
import { AccountNav } from "./AccountNav";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { Logo } from "./Logo";

/** Moves focus and announces the new page after client-side navigation, as a page load would. */
function useNavigationFocus() {
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const [announcement, setAnnouncement] = useState("");
  const isFirstRender = useRef(true);

  useEffect(() => {
    // A fresh page load already starts at the top with the skip link first: leave it alone.
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    const id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    const target = id ? document.getElementById(id) : null;
    // ScrollRestoration scrolls; focus must not fight it.
    (target ?? mainRef.current)?.focus({ preventScroll: true });
    // Pages set document.title in their own effects, which run before this parent effect.
    setAnnouncement(document.title);
  }, [location]);

  return { mainRef, announcement };
}

export function Layout() {
  const { t } = useTranslation();
  const { mainRef, announcement } = useNavigationFocus();

  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipLink")}
      </a>
      <header className="site-header">
        <div className="container header-bar">
          <Link to="/" className="brand" aria-label={t("nav.homeLinkLabel")}>
            <Logo />
            <span className="brand-name">{t("app.name")}</span>
          </Link>
          <LanguageSwitcher />
          <AccountNav />
        </div>
        <nav className="site-nav" aria-label={t("nav.label")}>
          <ul className="container nav-list">
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/directory">{t("nav.directory")}</NavLink>
            </li>
            <li>
              <NavLink to="/groups">{t("common.nav.groups")}</NavLink>
            </li>
            <li>
              <Link to="/#about">{t("nav.about")}</Link>
            </li>
            <li>
              <Link to="/#how-it-works">{t("nav.howItWorks")}</Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("footer.openSource")}</p>
          <p>
            <a href="/api/openapi.json">{t("footer.api")}</a>
          </p>
        </div>
      </footer>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <ScrollRestoration />
    </>
  );
}
