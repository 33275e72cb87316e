// A message carried to the next page in navigation state ("Your group is created."): a key of
// the screens catalog and its values, so it follows a language change. Shown by <Flash />.
export interface FlashState {
  flash?: { key: string; values?: Record<string, string | number> };
}

export function flash(key: string, values?: Record<string, string | number>): FlashState {
  return values ? { flash: { key, values } } : { flash: { key } };
}
