/**
 * Dates in registers and records as offices type them, read as `YYYY-MM-DD` without ever asking
 * the host for its time zone: only integer day arithmetic and `Date`'s UTC getters are used.
 *
 * - An Excel serial (a number of days): 1 is 1900-01-01. Excel keeps Lotus 1-2-3's leap-year bug
 *   and counts a 29 February 1900 that never was, serial 60: that serial is refused, serials below
 *   it are one day later than plain day counting gives, and from 61 (1900-03-01) on they are exact.
 *   A workbook in the 1904 date system (an old Mac setting) counts from 1904-01-01 = 0, bug-free.
 * - A date-formatted cell, which `exceljs` hands over as a `Date` at UTC midnight of the serial
 *   (computed without the leap-year bug, so one day early below serial 61): turned back into the
 *   serial and read as above.
 * - Text: `2006-02-03`, `2006-2-3`, `2006/2/3`, `2006.2.3`, `2006年2月3日` (full-width digits and
 *   separators too). Anything else, or a day that does not exist (`2006-02-30`), is refused.
 */
import { isValidIsoDate } from '@yishi/core';
import { fromEpochDay } from '@yishi/core/calendar';

export interface DateProblem {
  message: string;
  received: string;
}

const MS_PER_DAY = 86_400_000;
/** The serial of 1970-01-01 in the 1900 date system, and the offset of the 1904 system. */
const UNIX_EPOCH_SERIAL = 25_569;
const DATE1904_OFFSET = 1_462;
/** 9999-12-31, the last day Excel shows. */
const MAX_SERIAL_1900 = 2_958_465;
const MAX_SERIAL_1904 = MAX_SERIAL_1900 - DATE1904_OFFSET;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

const SERIAL_60 =
  'Excel date serial 60 is 29 February 1900, a day that does not exist (Excel counts it for compatibility with Lotus 1-2-3): type the real date as text, YYYY-MM-DD';

/** The date of a whole-day Excel serial, or a problem. */
export function excelSerialDate(serial: number, date1904 = false): string | DateProblem {
  const received = String(serial);
  const max = date1904 ? MAX_SERIAL_1904 : MAX_SERIAL_1900;
  const min = date1904 ? 0 : 1;
  if (!Number.isInteger(serial) || serial < min || serial > max) {
    return {
      message: `expected a date; as an Excel date serial this number is not a whole day between ${min} and ${max} (${date1904 ? '1904-01-01' : '1900-01-01'} to 9999-12-31): type the date as YYYY-MM-DD`,
      received,
    };
  }
  if (date1904) return fromEpochDay(serial + DATE1904_OFFSET - UNIX_EPOCH_SERIAL);
  if (serial === 60) return { message: SERIAL_60, received };
  return fromEpochDay(serial - UNIX_EPOCH_SERIAL + (serial < 60 ? 1 : 0));
}

/**
 * A plain number typed in a date column (a cell not formatted as a date) read as an Excel serial.
 * A number from 1900 to 2100 is refused: it looks like a year typed alone, and read as a serial it
 * would be a day in 1905, silently wrong.
 */
export function dateFromNumberCell(n: number, date1904 = false): string | DateProblem {
  if (Number.isInteger(n) && n >= 1900 && n <= 2100) {
    return {
      message:
        'expected a date; this number looks like a year, not an Excel date serial: type the whole date as YYYY-MM-DD',
      received: String(n),
    };
  }
  return excelSerialDate(n, date1904);
}

/**
 * The date of a date-formatted cell, which exceljs gives as a `Date` (its UTC midnight, plus the
 * time of day, if any, which is dropped).
 */
export function dateFromDateCell(d: Date, date1904 = false): string | DateProblem {
  const ms = d.getTime();
  if (!Number.isFinite(ms))
    return { message: 'expected a date; the cell holds an invalid date', received: String(d) };
  const day = Math.floor(ms / MS_PER_DAY);
  if (date1904) return excelSerialDate(day + UNIX_EPOCH_SERIAL - DATE1904_OFFSET, true);
  // exceljs made the Date as serial − 25569 days from 1970-01-01, without the leap-year bug (so
  // Excel's 60 comes as 1900-02-28, its 59 as 1900-02-27): undo that to get the serial back.
  const serial = day + UNIX_EPOCH_SERIAL;
  const t = excelSerialDate(serial);
  // Show what Excel shows in the cell, not the serial behind it.
  return typeof t === 'string' || serial !== 60 ? t : { ...t, received: '1900-02-29' };
}

const TEXT_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/,
];

export const DATE_FORMS = 'YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日';

/** A date typed as text, as `YYYY-MM-DD`, or a problem naming the forms accepted. */
export function dateFromText(text: string): string | DateProblem {
  const received = text;
  // NFKC: full-width digits and separators (２００６／２／３) as their ASCII forms.
  const t = text.trim().normalize('NFKC');
  for (const form of TEXT_FORMS) {
    const m = form.exec(t);
    if (!m) continue;
    const iso = `${m[1]}-${pad(Number(m[2]), 2)}-${pad(Number(m[3]), 2)}`;
    if (!isValidIsoDate(iso)) {
      return { message: `expected a date that exists; ${iso} is not a day of the calendar`, received };
    }
    return iso;
  }
  return { message: `expected a date as ${DATE_FORMS}`, received };
}
