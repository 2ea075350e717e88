/**
 * Every process kind, built on one holiday calendar. `PROCESS_KINDS` uses the bundled China
 * calendar (the State Council notices the package ships); a portal that has loaded a newer notice
 * (`chinaHolidays.withYears(…)`) or counts a year provisionally passes that calendar here, and
 * hands the same kinds to `createEngine`, `openEngine` and `replay`: a log replayed on another
 * calendar may end its periods on other days.
 *
 *   const calendar = chinaHolidays.withYears(notice2027);
 *   const engine = createEngine({ kinds: createProcessKinds({ calendar }), clock, store });
 */
import { chinaHolidays } from '../calendar/chinaHolidays.js';
import type { HolidayCalendar } from '../calendar/holidayCalendar.js';
import { createPublicNoticeMachine } from '../notice/publicNotice.machine.js';
import { meetingKind } from './meeting/meeting.kind.js';
import { createMeetingMachine } from './meeting/meeting.machine.js';
import { projectKind } from './project/project.kind.js';
import { createProjectMachine } from './project/project.machine.js';
import { publicNoticeKind } from './publicNotice/publicNotice.kind.js';
import { rosterKind } from './roster/roster.kind.js';
import { writtenConsultationKind } from './writtenConsultation/writtenConsultation.kind.js';
import { createWrittenConsultationMachine } from './writtenConsultation/writtenConsultation.machine.js';

export interface ProcessKindsOptions {
  /** The calendar every period is counted on (default: the bundled China calendar). */
  calendar?: HolidayCalendar;
}

/**
 * The process kinds (meeting, written consultation, project, public notice, and the community
 * roster every organiser's role is checked against) on one calendar.
 */
export function createProcessKinds(options: ProcessKindsOptions = {}): typeof PROCESS_KINDS {
  const calendar = options.calendar ?? chinaHolidays;
  if (calendar === chinaHolidays) return PROCESS_KINDS;
  return [
    { ...meetingKind, machine: createMeetingMachine(calendar), calendar },
    { ...writtenConsultationKind, machine: createWrittenConsultationMachine(calendar), calendar },
    { ...projectKind, machine: createProjectMachine() },
    { ...publicNoticeKind, machine: createPublicNoticeMachine(calendar), calendar },
    rosterKind,
  ];
}

/** Every process kind on the bundled calendar, for `createEngine({ kinds: PROCESS_KINDS })`. */
export const PROCESS_KINDS = [
  { ...meetingKind, calendar: chinaHolidays },
  { ...writtenConsultationKind, calendar: chinaHolidays },
  projectKind,
  { ...publicNoticeKind, calendar: chinaHolidays },
  rosterKind,
] as const;
