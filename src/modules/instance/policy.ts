// Who may read what about this installation. Anyone may read its public description.
export const instancePolicy = {
  readMeta: (_viewer: unknown) => true,
} as const;
