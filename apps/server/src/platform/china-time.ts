/** China has one time zone and no daylight saving: local time is UTC+08:00 all year. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The instant shifted so that its UTC fields read as China local time (date, hour…). */
export const chinaLocal = (d: Date) => new Date(d.getTime() + CHINA_OFFSET_MS);

/** The China calendar date of an instant, `YYYY-MM-DD`. */
export const chinaDate = (d: Date) => chinaLocal(d).toISOString().slice(0, 10);
