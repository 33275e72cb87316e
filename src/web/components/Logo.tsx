/** Two overlapping circles: giving and receiving. Decorative: the product name is beside it. */
export function Logo() {
  return (
    <svg
      className="logo"
      viewBox="0 0 40 32"
      width="40"
      height="32"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="14" cy="16" r="11" fill="#1b6b53" />
      <circle cx="26" cy="16" r="11" fill="#e58f3a" fillOpacity="0.85" />
    </svg>
  );
}
