// Need and offer categories are data, not code (like Loomio's poll templates): adding one is a
// row here plus its name in both catalogs (exchange.categories.<id>).
export const CATEGORIES = [
  { id: "groceries", skills: [] },
  { id: "meals", skills: [] },
  { id: "medication_pickup", skills: [] },
  { id: "ride", skills: ["driving"] },
  { id: "childcare", skills: ["childcare"] },
  { id: "emotional_support", skills: ["listening"] },
  { id: "housing", skills: [] },
  { id: "cash", skills: [] },
  { id: "errands", skills: [] },
  { id: "translation", skills: ["languages"] },
  { id: "other", skills: [] },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]["id"];
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];

export const URGENCIES = ["low", "normal", "high", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];
