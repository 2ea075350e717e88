/**
 * Which days are working days in mainland China, from the State Council's yearly notices.
 *
 * 民法典 第203条 moves the end of a period that falls on a 法定休假日 (statutory rest day) to the
 * day after. In Chinese usage 法定休假日 covers both the weekly rest days (公休日: Saturday and
 * Sunday, 国务院关于职工工作时间的规定 第7条) and the public holidays (法定节假日, 全国年节及纪念日
 * 放假办法), but NOT a weekend day the notice turns into a working day (调休上班日): offices,
 * courts and registries are open then, so a period ending on one ends that day.
 *
 * Outside the years the data covers the answer is unknown, so every query there throws
 * `DATE_OUT_OF_RANGE` rather than guessing from weekdays.
 */
import { YishiError, type YishiIssue } from '../errors/YishiError.js';
import { type HolidayDataInput, type HolidayYears, parseHolidayYears, unwrapYears } from './holidayData.js';
import { addDays, dayOfWeek, type PlainDate, toEpochDay, type Weekday, yearOf } from './plainDate.js';

/** How a day counts: the basis of `isWorkingDay` and of every explanation. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  date: PlainDate;
  weekday: Weekday;
  kind: DayKind;
  /** `kind` is 'workday' or 'makeUpWorkday'. */
  working: boolean;
  /** The holiday block the day belongs to (for a holiday or its make-up workday), e.g. '国庆节'. */
  holiday?: string;
  /** The notice that fixed the day's status (document number), e.g. '国办发明电〔2023〕7号'. */
  source?: string;
  /** Set only by a provisional calendar, on a day no loaded notice settles: why it is a guess. */
  provisional?: ProvisionalBasis;
}

/**
 * Why a day's status is provisional. 'statutory': its year has no notice, so it is counted with
 * the statutory holidays of 全国年节及纪念日放假办法 第二条 and weekends; 'lateDecember': 25–31
 * December of a year whose next notice is not loaded (that notice can re-designate them).
 */
export interface ProvisionalBasis {
  kind: 'statutory' | 'lateDecember';
  /** The year whose notice is missing. */
  year: number;
  /** The rule the day was counted by instead. */
  rule: string;
  reason: { 'zh-CN': string; en: string };
}

export interface HolidayCalendar {
  /** The years whose notices the calendar holds, ascending. */
  readonly years: readonly number[];
  /** Whether `date` falls in a covered year (queries elsewhere throw `DATE_OUT_OF_RANGE`). */
  covers(date: PlainDate): boolean;
  /** Status of `date` with the holiday and notice behind it. */
  day(date: PlainDate): DayInfo;
  /** Weekdays and make-up workdays, except days inside a holiday block. */
  isWorkingDay(date: PlainDate): boolean;
  /** 法定休假日 in the sense of 民法典 第203条: weekends and holidays, not make-up workdays. */
  isStatutoryRestDay(date: PlainDate): boolean;
  /** A Saturday or Sunday worked under the notice (调休上班日). */
  isMakeUpWorkday(date: PlainDate): boolean;
  /** The first working day after `date`. */
  nextWorkingDay(date: PlainDate): PlainDate;
  /** A new calendar with more years added (same JSON shape); redefining a held year is an error. */
  withYears(data: HolidayDataInput): HolidayCalendar;
  /** The validated data the calendar was built from. */
  readonly data: HolidayYears;
  /**
   * True for a provisional calendar (`@yishi/core/calendar/provisional`): outside its notices it
   * answers with the statutory holidays instead of throwing, and marks each such day `provisional`.
   */
  readonly provisional?: boolean;
}

interface Entry {
  kind: 'holiday' | 'makeUpWorkday';
  holiday: string | undefined;
  year: string;
  source: string;
}

/** '国办发明电〔2023〕7号' out of '国办发明电〔2023〕7号《国务院办公厅关于…》(2023-10-25)'. */
function documentNumber(source: string): string {
  return /^[^《(（；]+/.exec(source)?.[0]?.trim() || source;
}

/** '2020–2026' or '2020–2022, 2024'. */
export function describeYears(years: readonly number[]): string {
  const runs: string[] = [];
  let start = years[0];
  for (let i = 0; start !== undefined && i < years.length; i++) {
    const y = years[i]!;
    const next = years[i + 1];
    if (next !== y + 1) {
      runs.push(start === y ? String(y) : `${start}–${y}`);
      start = next;
    }
  }
  return runs.join(', ') || 'no years';
}

function index(years: HolidayYears): Map<PlainDate, Entry> {
  const entries = new Map<PlainDate, Entry>();
  const issues: YishiIssue[] = [];
  const put = (date: PlainDate, entry: Entry) => {
    const seen = entries.get(date);
    if (seen && seen.kind !== entry.kind) {
      issues.push({
        message: `${date} is a ${seen.kind} in year ${seen.year} but a ${entry.kind} in year ${entry.year}`,
        path: `years.${entry.year}`,
        received: date,
      });
    }
    if (!seen) entries.set(date, entry);
  };
  for (const [year, data] of Object.entries(years)) {
    const source = documentNumber(data.source);
    for (const block of data.holidays) {
      for (const date of block.dates) put(date, { kind: 'holiday', holiday: block.name, year, source });
    }
    for (const date of data.makeUpWorkdays) {
      const block = data.holidays.find((b) => b.makeUpWorkdays?.includes(date));
      put(date, { kind: 'makeUpWorkday', holiday: block?.name, year, source });
    }
  }
  if (issues.length > 0) {
    throw new YishiError('INVALID_HOLIDAY_DATA', `holiday data: ${issues[0]!.message}`, issues);
  }
  return entries;
}

/** From this day of December, a year's days depend on the next year's notice too. */
const LATE_DECEMBER = '12-25';

/**
 * What a provisional calendar does where the notices stop (`@yishi/core/calendar/provisional`
 * supplies it; kept out of this module so the default bundle carries no provisional code).
 */
export interface ProvisionalSource {
  /** The day of a year without a notice, or undefined to refuse it as usual. */
  dayWithoutNotice(date: PlainDate): DayInfo | undefined;
  /** Why a late-December day before a missing notice is provisional. */
  lateDecember(date: PlainDate): ProvisionalBasis;
  /** Appended to the refusal of a date it does not answer, e.g. ' (provisional mode …)'. */
  refusalNote: string;
}

function build(data: HolidayYears, guess?: ProvisionalSource): HolidayCalendar {
  const entries = index(data);
  const years = Object.keys(data)
    .map(Number)
    .sort((a, b) => a - b);
  const covered = new Set(years);

  /** Late December of the last covered year also depends on the next year's notice. */
  const awaitsNextNotice = (date: PlainDate) => {
    const year = yearOf(date);
    return !covered.has(year + 1) && date >= `${year}-${LATE_DECEMBER}`;
  };
  const covers = (date: PlainDate) => covered.has(yearOf(date)) && !awaitsNextNotice(date);

  const day = (date: PlainDate): DayInfo => {
    toEpochDay(date); // throws INVALID_DATE for a malformed date before the range check
    // A provisional calendar still takes a day a loaded notice names (2023's 元旦 began 2022-12-31).
    if (!covered.has(yearOf(date)) && !(guess && entries.has(date))) {
      const guessed = guess?.dayWithoutNotice(date);
      if (guessed) return guessed;
      const span = describeYears(years);
      throw new YishiError(
        'DATE_OUT_OF_RANGE',
        `${date} is outside the holiday data (covered years: ${span}); ` +
          `add that year's State Council notice with withYears() rather than guessing` +
          (guess?.refusalNote ?? ''),
        [{ message: 'date outside the covered years', received: date, expected: `a date in ${span}` }],
      );
    }
    // The next year's notice can re-designate the last days of December (the 2019 notice made
    // 2018-12-29 a workday and 2018-12-31 a holiday; the 2023 元旦 block began 2022-12-31), so
    // until that notice is loaded those days are not known either.
    const year = yearOf(date);
    const late = awaitsNextNotice(date);
    if (late && !guess) {
      throw new YishiError(
        'DATE_OUT_OF_RANGE',
        `${date} may still be re-designated by the State Council's ${year + 1} holiday notice, ` +
          `which is not in the holiday data; add it with withYears() rather than guessing`,
        [{ message: `late December of ${year} depends on the ${year + 1} notice`, received: date }],
      );
    }
    const weekday = dayOfWeek(date);
    const entry = entries.get(date);
    const kind: DayKind = entry ? entry.kind : weekday >= 6 ? 'weekend' : 'workday';
    const info: DayInfo = { date, weekday, kind, working: kind === 'workday' || kind === 'makeUpWorkday' };
    if (entry?.holiday !== undefined) info.holiday = entry.holiday;
    if (entry) info.source = entry.source;
    if (late && guess) info.provisional = guess.lateDecember(date);
    return info;
  };

  const isWorkingDay = (date: PlainDate) => day(date).working;

  return {
    years,
    data,
    ...(guess ? { provisional: true } : {}),
    covers,
    day,
    isWorkingDay,
    isStatutoryRestDay: (date) => !isWorkingDay(date),
    isMakeUpWorkday: (date) => day(date).kind === 'makeUpWorkday',
    nextWorkingDay(date) {
      let d = addDays(date, 1);
      while (!isWorkingDay(d)) d = addDays(d, 1);
      return d;
    },
    withYears(more) {
      const raw = unwrapYears(more);
      const clash = raw !== null && typeof raw === 'object' ? Object.keys(raw).filter((y) => y in data) : [];
      if (clash.length > 0) {
        throw new YishiError(
          'INVALID_HOLIDAY_DATA',
          `holiday data: year ${clash.join(', ')} is already in the calendar; build a new calendar to correct a year`,
          clash.map((y) => ({ message: `year ${y} already defined`, path: `years.${y}` })),
        );
      }
      return build({ ...data, ...parseHolidayYears(raw) }, guess);
    },
  };
}

/**
 * Builds a calendar from holiday data in the shape of `data/holidays-cn.json` (or just its
 * `years` map). Throws `INVALID_HOLIDAY_DATA` naming the year, holiday and field of each problem.
 */
export function createHolidayCalendar(data: HolidayDataInput): HolidayCalendar {
  return build(parseHolidayYears(data));
}

/** `calendar`'s notices, answering through `guess` where they stop (see `provisionalCalendar`). */
export function withProvisionalSource(calendar: HolidayCalendar, guess: ProvisionalSource): HolidayCalendar {
  return build(calendar.data, guess);
}
