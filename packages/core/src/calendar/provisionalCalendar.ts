/**
 * Provisional mode: a calendar that answers where its notices stop, with the statutory holidays
 * the law fixes in advance (statutoryHolidays.ts), and says so on every day and answer.
 */
import {
  type DayInfo,
  type HolidayCalendar,
  type ProvisionalBasis,
  withProvisionalSource,
} from './holidayCalendar.js';
import { dayOfWeek, type PlainDate, yearOf } from './plainDate.js';
import {
  type LunarProvider,
  STATUTORY_HOLIDAY_CITATION,
  STATUTORY_HOLIDAY_RULE,
  statutoryHolidays,
} from './statutoryHolidays.js';

const WEEKEND_RULE = '国务院关于职工工作时间的规定 第七条（星期六、星期日为周休息日）';

function statutoryBasis(year: number): ProvisionalBasis {
  return {
    kind: 'statutory',
    year,
    rule: STATUTORY_HOLIDAY_CITATION,
    reason: {
      'zh-CN':
        `${year}年的国务院节假日安排通知尚未收录，暂按${STATUTORY_HOLIDAY_CITATION}所定法定节假日和星期六、星期日计算，` +
        '未计调休上班日和补假；通知公布后结果可能改变',
      en:
        `the State Council's ${year} holiday notice is not loaded; counted provisionally with the statutory holidays of ` +
        `${STATUTORY_HOLIDAY_RULE.law} ${STATUTORY_HOLIDAY_RULE.article} (2024 revision, 国务院令第795号, in force 2025-01-01) ` +
        'and Saturdays and Sundays, with no make-up workdays (调休) or substitute days off (补假) assumed; the notice may change the result',
    },
  };
}

function lateDecemberBasis(date: PlainDate): ProvisionalBasis {
  const year = yearOf(date);
  return {
    kind: 'lateDecember',
    year: year + 1,
    rule: `国务院办公厅关于${year}年部分节假日安排的通知 及 ${WEEKEND_RULE}`,
    reason: {
      'zh-CN': `${date}可能被${year + 1}年节假日安排通知重新安排（该通知尚未收录），暂按${year}年通知和星期六、星期日计算`,
      en: `${date} may still be re-designated by the State Council's ${year + 1} holiday notice, which is not loaded; counted provisionally by the ${year} notice and weekends`,
    },
  };
}

/**
 * The same notices as `calendar`, but answering where they stop instead of throwing
 * `DATE_OUT_OF_RANGE`: a year from 2025 without a notice is counted with the statutory holidays
 * (全国年节及纪念日放假办法 第二条, 2024 revision) and weekends, with no 调休 or 补假 assumed, and
 * 25–31 December before a missing notice by the year's own notice. Every such day carries
 * `provisional`, and `periodEnd` marks any answer that depends on one. Years before 2025 outside
 * the data are still refused. `withYears` on the result keeps it provisional; a loaded notice
 * always wins over the provisional count.
 */
export function provisionalCalendar(calendar: HolidayCalendar, lunar: LunarProvider): HolidayCalendar {
  const years = new Map<number, Map<PlainDate, string>>();
  const holidaysOf = (year: number) => {
    let days = years.get(year);
    if (!days) {
      days = new Map();
      for (const h of statutoryHolidays(year, lunar)) for (const d of h.dates) days.set(d, h.name);
      years.set(year, days);
    }
    return days;
  };
  return withProvisionalSource(calendar, {
    dayWithoutNotice(date) {
      const year = yearOf(date);
      if (year < STATUTORY_HOLIDAY_RULE.firstYear) return undefined;
      const weekday = dayOfWeek(date);
      const holiday = holidaysOf(year).get(date);
      const kind = holiday ? 'holiday' : weekday >= 6 ? 'weekend' : 'workday';
      const info: DayInfo = {
        date,
        weekday,
        kind,
        working: kind === 'workday',
        provisional: statutoryBasis(year),
      };
      if (holiday) {
        info.holiday = holiday;
        info.source = `${STATUTORY_HOLIDAY_RULE.law}${STATUTORY_HOLIDAY_RULE.article}（暂定）`;
      }
      return info;
    },
    lateDecember: lateDecemberBasis,
    refusalNote: ` (provisional mode counts only years from ${STATUTORY_HOLIDAY_RULE.firstYear}, under ${STATUTORY_HOLIDAY_CITATION})`,
  });
}
