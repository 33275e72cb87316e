// Words of opening-hours text (English and Spanish) as tokens, and clock times read from them.
// Accents and case are dropped first, so "Sábado", "sabado" and "SÁB" read alike.

export interface ClockToken {
  kind: "time";
  hour: number;
  minute: number;
  /** "am"/"pm" written (or "de la tarde"); null when bare. */
  half: "am" | "pm" | null;
  /** Written as a 24-hour clock ("08:00", "17", "1730"), so no am/pm guessing applies. */
  literal: boolean;
  /** "midnight"/"noon" said in words. */
  word?: "noon" | "midnight";
}

export type Token =
  | ClockToken
  | { kind: "day"; weekdays: number[] }
  | { kind: "ordinal"; nth: number }
  | { kind: "range" }
  | { kind: "list" }
  | { kind: "closed" }
  | { kind: "allDay" }
  | { kind: "always" }
  | { kind: "half"; half: "am" | "pm" }
  | { kind: "unknown"; text: string };

const DAY_WORDS: Record<string, number[]> = {};
for (const [weekday, names] of [
  [1, "monday mondays mon mo lunes lun lu"],
  [2, "tuesday tuesdays tue tues tu martes mar ma"],
  [3, "wednesday wednesdays wed weds we miercoles mie mi"],
  [4, "thursday thursdays thu thur thurs th jueves jue ju"],
  [5, "friday fridays fri fr viernes vie vi"],
  [6, "saturday saturdays sat sa sabado sabados sab"],
  [7, "sunday sundays sun su domingo domingos dom do"],
] as const) {
  for (const name of names.split(" ")) DAY_WORDS[name] = [weekday];
}
for (const name of ["weekdays", "weekday", "workdays", "laborables", "habiles"])
  DAY_WORDS[name] = [1, 2, 3, 4, 5];
for (const name of ["weekends", "weekend", "findesemana"]) DAY_WORDS[name] = [6, 7];
for (const name of ["daily", "everyday", "diario", "diariamente", "todoslosdias"])
  DAY_WORDS[name] = [1, 2, 3, 4, 5, 6, 7];

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  last: -1,
  primer: 1,
  primero: 1,
  primera: 1,
  segundo: 2,
  segunda: 2,
  tercer: 3,
  tercero: 3,
  tercera: 3,
  cuarto: 4,
  cuarta: 4,
  quinto: 5,
  quinta: 5,
  ultimo: -1,
  ultima: -1,
};

const SIMPLE_WORDS: Record<string, Token> = {
  to: { kind: "range" },
  through: { kind: "range" },
  thru: { kind: "range" },
  till: { kind: "range" },
  until: { kind: "range" },
  a: { kind: "range" },
  al: { kind: "range" },
  hasta: { kind: "range" },
  and: { kind: "list" },
  y: { kind: "list" },
  closed: { kind: "closed" },
  cerrado: { kind: "closed" },
  cerrada: { kind: "closed" },
  cerrados: { kind: "closed" },
  cerradas: { kind: "closed" },
  am: { kind: "half", half: "am" },
  pm: { kind: "half", half: "pm" },
  manana: { kind: "half", half: "am" },
  tarde: { kind: "half", half: "pm" },
  noche: { kind: "half", half: "pm" },
  noon: { kind: "time", hour: 12, minute: 0, half: null, literal: true, word: "noon" },
  midday: { kind: "time", hour: 12, minute: 0, half: null, literal: true, word: "noon" },
  mediodia: { kind: "time", hour: 12, minute: 0, half: null, literal: true, word: "noon" },
  midnight: { kind: "time", hour: 0, minute: 0, half: null, literal: true, word: "midnight" },
  medianoche: { kind: "time", hour: 0, minute: 0, half: null, literal: true, word: "midnight" },
};

/** Words that carry no meaning for hours ("open from … of the month", "abierto de … del mes"). */
const NOISE = new Set(
  "open opens opened abierto abierta abre from de desde del the of on at every each cada los las el la en month mes months meses hours hour hrs hr h horario horas hs only solo solamente".split(
    " ",
  ),
);

/** Lower case, no accents, one kind of dash, "a.m." → "am", and Spanish multi-word day names joined. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\b([ap])\s?\.\s?m\b\.?/g, "$1m")
    .replace(/\bfines? de semana\b/g, "findesemana")
    .replace(/\bentre semana\b/g, "weekdays")
    .replace(/\btodos los dias\b/g, "todoslosdias")
    .replace(/\bevery day\b/g, "everyday")
    .replace(/\bdias (laborables|habiles)\b/g, "$1")
    .replace(/\b(?:between|entre)\s+(?:las\s+)?([\d:.h]+(?:\s*[ap]m)?)\s+(?:and|y)\s+/g, "$1 - ");
}

const ALWAYS = /^24\s?\/\s?7(?![0-9])/;
const ALL_DAY = /^24\s?(?:hours|hrs|h|horas|hs)(?![a-z])/;
const ORDINAL = /^([1-5])(?:st|nd|rd|th|er|ro|do|to|\s?\.?\s?[ºª°])(?![a-z0-9])/;
const FOUR_DIGITS = /^(\d{1,2})(\d{2})(?:\s*(am|pm))?(?![0-9:.])/;
const CLOCK =
  /^(\d{1,2})(?:[:.](\d{2})(?::\d{2})?|h(\d{2})?)?(?:\s*(am|pm)|([ap])(?![a-z]))?(?![0-9])/;

/** A time is read as a 24-hour clock when it has no am/pm and could not be a 12-hour one, or has a leading zero. */
function clockToken(
  hour: number,
  minute: number,
  half: "am" | "pm" | null,
  twentyFourHourForm: boolean,
): ClockToken {
  const literal = half === null && (twentyFourHourForm || hour > 12 || hour === 0);
  return { kind: "time", hour, minute, half, literal };
}

function wordToken(word: string): Token | null {
  const days = DAY_WORDS[word];
  if (days) return { kind: "day", weekdays: days };
  const nth = ORDINAL_WORDS[word];
  if (nth !== undefined) return { kind: "ordinal", nth };
  const simple = SIMPLE_WORDS[word];
  if (simple) return simple;
  return NOISE.has(word) ? null : { kind: "unknown", text: word };
}

/** Patterns tried in order at the start of the rest of the text; the first match makes the token. */
const READERS: [RegExp, (m: RegExpExecArray) => Token | null][] = [
  [ALWAYS, () => ({ kind: "always" })],
  [ALL_DAY, () => ({ kind: "allDay" })],
  [ORDINAL, (m) => ({ kind: "ordinal", nth: Number(m[1]) })],
  [
    FOUR_DIGITS,
    (m) => clockToken(Number(m[1]), Number(m[2]), (m[3] as "am" | "pm" | undefined) ?? null, true),
  ],
  [
    CLOCK,
    (m) => {
      const half = (m[4] ?? (m[5] ? `${m[5]}m` : null)) as "am" | "pm" | null;
      return clockToken(Number(m[1]), Number(m[2] ?? m[3] ?? 0), half, /^0\d/.test(m[1] ?? ""));
    },
  ],
  [/^[a-z]+/, (m) => wordToken(m[0])],
  [/^-/, () => ({ kind: "range" })],
  [/^[,&/+]/, () => ({ kind: "list" })],
  [/^[\s:().]/, () => null],
  [/^./su, (m) => ({ kind: "unknown", text: m[0] })],
];

/** Reads one token at the start of `rest`; returns it (null for noise) and how many characters it took. */
function readToken(rest: string): [Token | null, number] {
  for (const [pattern, make] of READERS) {
    const m = pattern.exec(rest);
    if (m) return [make(m), m[0].length];
  }
  return [null, rest.length];
}

/** The tokens of one normalized segment, with a following "pm"/"de la tarde" folded into its time. */
export function tokenize(segment: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < segment.length; ) {
    const [token, length] = readToken(segment.slice(i));
    i += length;
    if (!token) continue;
    const last = out.at(-1);
    if (
      token.kind === "half" &&
      last?.kind === "time" &&
      last.half === null &&
      !last.word &&
      last.hour <= 12
    ) {
      out[out.length - 1] = { ...last, half: token.half, literal: false };
    } else out.push(token);
  }
  return out;
}

/** 24-hour minutes of a time whose am/pm is known or not needed; null if impossible ("13pm", "25:00"). */
export function clockMinutes(t: ClockToken, half = t.half): number | null {
  if (t.minute > 59) return null;
  if (half) {
    if (t.hour < 1 || t.hour > 12) return null;
    return ((t.hour % 12) + (half === "pm" ? 12 : 0)) * 60 + t.minute;
  }
  if (t.hour > 24 || (t.hour === 24 && t.minute > 0)) return null;
  return t.hour * 60 + t.minute;
}
