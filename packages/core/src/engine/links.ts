/**
 * Processes are bound to each other. Wherever a project cites another process — a formation
 * body's meeting, the adoption, a funding source's approval, the evaluation meeting, a publicity
 * notice — this binder checks, when the event arrives (and replay, in log order):
 *
 * - the cited process exists in the same community        → LINK_NOT_FOUND
 * - it is of the right kind and body                      → LINK_WRONG_KIND
 * - it has ended with the result claimed (a meeting or a consultation only once its result's 公示
 *   has run: `closed` / `completed`; a notice posted, not withdrawn) → LINK_NOT_PASSED
 * - its decision is not dated after the record that cites it → LINK_OUT_OF_ORDER
 * - a publicity claim names its public-notice process      → LINK_REQUIRED
 *
 * A record that reports a result (a formation step, the adoption, the evaluation meeting) needs the
 * result decided; one that relies on a decision (a funding approval) needs its 公示 run. And the
 * next step waits for the publicity of the last: before the adoption, every notice that publicised
 * a formation step, and before funding is confirmed, every notice that publicised the adoption,
 * must have run its whole period (`completed`), of at least the days the step's meeting policy
 * gives (`publicity.meetingResultDays`; without a meeting, `PROJECT_PUBLICITY_DAYS`).
 *
 * So a log whose ballots were changed and re-hashed no longer replays to a funded project: the
 * consultation's result changes, and replay fails at the first entry that cites it.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { YishiError, type YishiErrorCode } from '../errors/YishiError.js';
import type { ProjectContext } from '../machines/project/projectSchemas.js';
import type { Binder, Subject } from './bind.js';
import type { ProcessState, World } from './world.js';

/**
 * Days a participatory-planning publicity (公示) runs when no meeting policy says: RULES.md G4 finds
 * no city-wide statutory number and believes street-level measures use 5–7 days (UNVERIFIED). The
 * default takes the longer.
 */
export const PROJECT_PUBLICITY_DAYS = 7;

type Outcome = 'passed' | 'rejected' | 'noQuorum' | 'recorded';

/** What a cited process shows of itself. */
interface Standing {
  kind: string;
  body: string | null;
  state: string;
  /** Closed, completed: the result and its publicity have run their course. */
  ended: boolean;
  /** The result is decided (it may still be in its 公示). */
  decided: boolean;
  outcome: Outcome | null;
  /** The day it decided (a meeting's date, a consultation's last day), if it did. */
  decidedOn: string | null;
  /** A notice's period in days, and whether it was withdrawn. */
  days: number | null;
  withdrawn: boolean;
  /** The meeting's policy value of `publicity.meetingResultDays`, when it has one. */
  publicityDays: number | null;
  /** Its decided items: what each is about, its matter, and its result. */
  items: {
    id: string;
    subject?: { project: string; planId?: string };
    matter?: string;
    outcome: Outcome | null;
  }[];
}

type Ctx = Record<string, unknown>;
const ctxOf = (s: AnyMachineSnapshot) => s.context as Ctx;

/** The whole result of a decision: passed only if every decided item passed. */
function outcomeOf(results: readonly { result: { outcome: Outcome } }[] | undefined): Outcome | null {
  return combined((results ?? []).map((r) => r.result.outcome));
}

/** Several items' outcomes as one: none if any is undecided, else the worst. */
function combined(outcomes: readonly (Outcome | null)[]): Outcome | null {
  if (outcomes.length === 0 || outcomes.includes(null)) return null;
  if (outcomes.includes('noQuorum')) return 'noQuorum';
  if (outcomes.includes('rejected')) return 'rejected';
  if (outcomes.every((o) => o === 'recorded')) return 'recorded';
  return 'passed';
}

type Item = { id: string; subject?: { project: string; planId?: string }; matter?: string };

/** Each item with the outcome of its own result. */
function itemsOf(items: readonly Item[] | undefined, results: unknown): Standing['items'] {
  const byId = new Map<string | null, Outcome>();
  for (const r of (results ?? []) as { itemId: string | null; result: { outcome: Outcome } }[]) {
    byId.set(r.itemId, r.result.outcome);
  }
  return (items ?? []).map((i) => {
    const out: Standing['items'][number] = { id: i.id, outcome: byId.get(i.id) ?? byId.get(null) ?? null };
    if (i.subject) out.subject = i.subject;
    if (i.matter) out.matter = i.matter;
    return out;
  });
}

function policyDays(c: Ctx): number | null {
  const p = (c.policy as { parameters?: Record<string, { value: unknown }> } | undefined)?.parameters?.[
    'publicity.meetingResultDays'
  ];
  return typeof p?.value === 'number' ? p.value : null;
}

function standingOf(p: ProcessState): Standing {
  const s = p.snapshot;
  const c = ctxOf(s);
  const state = String(s.value);
  const base: Standing = {
    kind: p.kind.kind,
    body: null,
    state,
    ended: false,
    decided: false,
    outcome: null,
    decidedOn: null,
    days: null,
    withdrawn: false,
    publicityDays: null,
    items: [],
  };
  switch (p.kind.kind) {
    case 'meeting': {
      const convening = c.convening as { meetingDate: string } | null;
      return {
        ...base,
        body: String(c.body),
        ended: state === 'closed',
        decided: state === 'closed' || state === 'publicity' || state === 'result',
        outcome: outcomeOf(c.results as never),
        decidedOn: convening?.meetingDate ?? null,
        publicityDays: policyDays(c),
        items: itemsOf((c.convening as { agenda?: Item[] } | null)?.agenda, c.results),
      };
    }
    case 'writtenConsultation': {
      const notices = c.notices as { closesOn: string }[] | undefined;
      return {
        ...base,
        body: c.buildings ? 'buildingSubsetVote' : 'ownersAssembly',
        ended: state === 'completed',
        decided: state === 'completed' || state === 'announcing' || state === 'counted',
        outcome: outcomeOf(c.results as never),
        decidedOn: notices?.at(-1)?.closesOn ?? null,
        publicityDays: policyDays(c),
        items: itemsOf(c.items as Item[] | undefined, c.results),
      };
    }
    case 'publicNotice': {
      const period = c.period as { days: number } | undefined;
      return {
        ...base,
        body: String(c.kind),
        ended: state === 'completed',
        decidedOn: (c.postedOn as string | null) ?? null,
        days: period?.days ?? null,
        withdrawn: state === 'withdrawn',
      };
    }
    default:
      return base;
  }
}

interface Citation {
  /** The event's field that names the process. */
  field: string;
  process: string;
  kinds: readonly string[];
  bodies?: readonly string[];
  /** The outcomes the citing record's claim is consistent with (meetings and consultations). */
  outcomes?: readonly Outcome[];
  /** The record's own date: the cited decision may not be after it. */
  dated?: string | undefined;
  /** A notice: posted (not a draft, not withdrawn). */
  notice?: boolean;
  /**
   * What the cited decision must be about: an item whose subject is this project (and one of these
   * plans, and of one of these matters, when given). Its outcome is then that item's.
   */
  about?: { project: string; plans?: readonly string[]; matters?: readonly string[] };
  /**
   * How far the cited decision must be: 'result' decided (its 公示 may still run: the record
   * reports the result), 'ended' its 公示 run too (the record relies on it: an approval).
   */
  reached?: 'result' | 'ended';
}

const refuse = (
  code: YishiErrorCode,
  s: Subject,
  c: Citation,
  message: string,
  received: string,
  expected: string,
) =>
  new YishiError(
    code,
    `${s.kind.kind} ${s.process}: ${s.event.type}: ${c.field} "${c.process}": ${message}`,
    [{ field: c.field, path: c.field, message, received, expected }],
  );

function checkCitation(world: World, s: Subject, c: Citation): YishiError | undefined {
  const p = world.processes.get(c.process);
  if (!p || p.community !== s.community || p.id === s.process) {
    return refuse(
      'LINK_NOT_FOUND',
      s,
      c,
      `no such process in community "${s.community}"`,
      c.process,
      'an existing process of this community',
    );
  }
  const st = standingOf(p);
  if (!c.kinds.includes(st.kind) || (c.bodies && !c.bodies.includes(st.body ?? ''))) {
    return refuse(
      'LINK_WRONG_KIND',
      s,
      c,
      `is a ${st.kind}${st.body ? ` (${st.body})` : ''}, not a ${c.kinds.join(' or ')}${c.bodies ? ` of ${c.bodies.join(' or ')}` : ''}`,
      `${st.kind}${st.body ? `/${st.body}` : ''}`,
      `${c.kinds.join('|')}${c.bodies ? `/${c.bodies.join('|')}` : ''}`,
    );
  }
  if (c.about) {
    const about = c.about;
    const items = st.items.filter(
      (i) =>
        i.subject?.project === about.project &&
        (!about.plans || (i.subject.planId !== undefined && about.plans.includes(i.subject.planId))) &&
        (!about.matters || (i.matter !== undefined && about.matters.includes(i.matter))),
    );
    const want = `an item about ${about.project}${about.plans ? ` (plan ${about.plans.join('/')})` : ''}${about.matters ? ` on ${about.matters.join('/')}` : ''}`;
    if (items.length === 0) {
      return refuse(
        'LINK_MISMATCH',
        s,
        c,
        `none of its items is ${want}: a decision is cited for what it decided`,
        st.items.map((i) => i.id).join(',') || 'no items',
        want,
      );
    }
    // the claim is about those items only
    st.outcome = combined(items.map((i) => i.outcome));
  }
  if (c.notice) {
    if (st.withdrawn || st.state === 'draft') {
      return refuse(
        'LINK_NOT_PASSED',
        s,
        c,
        `the notice is ${st.state}: it was never posted, or was withdrawn`,
        st.state,
        'posted, running or completed',
      );
    }
  } else {
    if (c.reached === 'ended' ? !st.ended : !st.decided) {
      return refuse(
        'LINK_NOT_PASSED',
        s,
        c,
        c.reached === 'ended'
          ? `has not ended (it is ${st.state}): a decision is relied on once its 公示 has run`
          : `has no result yet (it is ${st.state})`,
        st.state,
        c.reached === 'ended'
          ? 'closed or completed'
          : 'a result (result, publicity or closed; counted, announcing or completed)',
      );
    }
    if (c.outcomes && !(st.outcome && c.outcomes.includes(st.outcome))) {
      return refuse(
        'LINK_NOT_PASSED',
        s,
        c,
        `its result is ${st.outcome ?? 'none'}, which does not support the record's claim`,
        st.outcome ?? 'none',
        c.outcomes.join('|'),
      );
    }
  }
  if (c.dated && st.decidedOn && st.decidedOn > c.dated) {
    return refuse(
      'LINK_OUT_OF_ORDER',
      s,
      c,
      `decided on ${st.decidedOn}, after the record's date ${c.dated}`,
      st.decidedOn,
      `on or before ${c.dated}`,
    );
  }
  return undefined;
}

const str = (e: Ctx, k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);

/** A formation record's claim, as the outcomes of the cited meeting it is consistent with. */
const FORMATION_CLAIMS: Record<string, readonly Outcome[]> = {
  recommended: ['passed', 'recorded'],
  amended: ['passed', 'recorded'],
  notRecommended: ['rejected', 'noQuorum', 'recorded'],
  recorded: ['passed', 'rejected', 'noQuorum', 'recorded'],
};
const ADOPTION_CLAIMS: Record<string, readonly Outcome[]> = {
  passed: ['passed'],
  rejected: ['rejected'],
  noQuorum: ['noQuorum'],
};
/** Who may evaluate a project with residents (seed §三.6: 评议会, or a residents' body). */
const EVALUATION_BODIES = [
  'evaluationMeeting',
  'residentsMeeting',
  'residentRepresentativesMeeting',
  'villagersMeeting',
  'villagerRepresentativesMeeting',
  'jointMeeting',
  'hearing',
];
/** The matters an owners' decision must be on to approve a maintenance-fund source (民法典 第278条 (五)(六)). */
function fundMatters(snapshot: AnyMachineSnapshot | undefined, e: Ctx): readonly string[] | undefined {
  const sources = (snapshot?.context as { sources?: { id: string; kind: string }[] } | undefined)?.sources;
  const kind = sources?.find((x) => x.id === e.sourceId)?.kind;
  return kind === 'maintenanceFund' ? ['useMaintenanceFund', 'raiseMaintenanceFund'] : undefined;
}

const MEETING_DECIDED_APPROVALS = new Set(['ownersAssembly', 'residentsMeeting', 'villagersMeeting']);

/** The processes a project event cites. */
function projectCitations(e: Ctx, project: string, snapshot?: AnyMachineSnapshot): Citation[] | YishiError {
  const meeting = str(e, 'meetingProcessId');
  const notice = str(e, 'noticeProcessId');
  const on = str(e, 'on');
  switch (e.type) {
    case 'RECORD_FORMATION_STEP':
      return meeting
        ? [
            {
              field: 'meetingProcessId',
              process: meeting,
              kinds: ['meeting'],
              bodies: [String(e.body)],
              outcomes: FORMATION_CLAIMS[String(e.outcome)] ?? [],
              about: { project, plans: (e.planIds as string[] | undefined) ?? [] },
              dated: str(e, 'heldOn') ?? on,
            },
          ]
        : [];
    case 'RECORD_ADOPTION':
      return meeting
        ? [
            {
              field: 'meetingProcessId',
              process: meeting,
              kinds: e.body === 'ownersAssembly' ? ['meeting', 'writtenConsultation'] : ['meeting'],
              bodies: [String(e.body)],
              outcomes: ADOPTION_CLAIMS[String(e.outcome)] ?? [],
              // (an owners' item always names its 民法典 第278条 matter: the meeting requires it)
              about: { project, plans: [String(e.planId)] },
              dated: str(e, 'heldOn') ?? on,
            },
          ]
        : [];
    case 'APPROVE_FUNDING_SOURCE': {
      const body = String(e.body);
      if (!MEETING_DECIDED_APPROVALS.has(body)) return [];
      if (!meeting)
        return new YishiError(
          'LINK_REQUIRED',
          `APPROVE_FUNDING_SOURCE: an approval by the ${body} is its decision: name the process (meetingProcessId)`,
          [
            {
              field: 'meetingProcessId',
              message: 'required for a meeting decision',
              expected: 'the id of the meeting or written consultation that decided',
            },
          ],
        );
      return [
        {
          field: 'meetingProcessId',
          process: meeting,
          kinds: body === 'ownersAssembly' ? ['meeting', 'writtenConsultation'] : ['meeting'],
          bodies: body === 'ownersAssembly' ? ['ownersAssembly', 'buildingSubsetVote'] : [body],
          outcomes: ['passed'],
          reached: 'ended',
          about: { project, ...(fundMatters(snapshot, e) ? { matters: fundMatters(snapshot, e)! } : {}) },
          dated: str(e, 'decidedOn') ?? on,
        },
      ];
    }
    case 'RECORD_BUDGET_REAPPROVAL': {
      const body = String(e.body);
      return [
        {
          field: 'meetingProcessId',
          process: meeting ?? '',
          kinds: body === 'ownersAssembly' ? ['meeting', 'writtenConsultation'] : ['meeting'],
          bodies: [body],
          outcomes: ['passed'],
          reached: 'ended',
          about: { project },
          dated: str(e, 'decidedOn') ?? on,
        },
      ];
    }
    case 'RECORD_RESIDENT_CONSULTATION': {
      const via = e.via as { kind?: string; processKind?: string; processId?: string } | undefined;
      if (via?.kind !== 'process' || !via.processId) return [];
      return [
        {
          field: 'via.processId',
          process: via.processId,
          kinds: [String(via.processKind)],
          // a consultation of residents: any result (it is heard, not adopted), its date in order
          dated: str(e, 'conductedOn') ?? on,
        },
      ];
    }
    case 'RECORD_EVALUATION_MEETING':
      return meeting
        ? [
            {
              field: 'meetingProcessId',
              process: meeting,
              kinds: ['meeting'],
              bodies: EVALUATION_BODIES,
              dated: str(e, 'heldOn') ?? on,
            },
          ]
        : [];
    case 'PUBLICISE_RESULT':
    case 'PUBLICISE_COMPLETION':
      if (!notice) {
        return new YishiError(
          'LINK_REQUIRED',
          `${e.type}: publicity is a public notice, not a claim: name its process (noticeProcessId)`,
          [
            {
              field: 'noticeProcessId',
              message: 'required',
              expected: 'the id of the publicNotice process that runs the 公示',
            },
          ],
        );
      }
      return [
        { field: 'noticeProcessId', process: notice, kinds: ['publicNotice'], notice: true, dated: on },
      ];
    case 'RECORD_AUDIT':
      return notice
        ? [{ field: 'noticeProcessId', process: notice, kinds: ['publicNotice'], notice: true, dated: on }]
        : [];
    default:
      return [];
  }
}

/**
 * Before the adoption: every formation step publicised through a notice has had its notice run its
 * whole period, of at least the days the step's meeting policy gives.
 */
function publicityRun(world: World, s: Subject, kind: 'step' | 'adoption'): YishiError | undefined {
  // the steps of the current round (projectRules `currentSteps`, read here without the machine)
  const c = s.snapshot!.context as ProjectContext;
  const steps = c.steps.filter((x) => x.round === c.round && x.kind === kind);
  for (const step of steps) {
    const meeting = step.meetingProcessId ? world.processes.get(step.meetingProcessId) : undefined;
    const days = (meeting && standingOf(meeting).publicityDays) ?? PROJECT_PUBLICITY_DAYS;
    for (const id of step.publicity?.noticeProcessIds ?? []) {
      const n = world.processes.get(id);
      if (n?.kind.kind !== 'publicNotice') continue; // refused when it was cited
      const st = standingOf(n);
      const cite: Citation = { field: `step ${step.id} publicity`, process: id, kinds: ['publicNotice'] };
      if (!st.ended) {
        return refuse(
          'LINK_NOT_PASSED',
          s,
          cite,
          `the 公示 of ${step.id} is ${st.state}: the next step relies on it only once its period has run`,
          st.state,
          'completed',
        );
      }
      if ((st.days ?? 0) < days) {
        return refuse(
          'LINK_NOT_PASSED',
          s,
          cite,
          `the 公示 of step ${step.id} ran ${st.days} days, fewer than the ${days} its rules give`,
          String(st.days),
          `at least ${days} days`,
        );
      }
    }
  }
  return undefined;
}

export const linkBinder: Binder = (world, s) => {
  if (s.kind.kind !== 'participatoryPlanningProject' || s.event.type === 'CREATE') return undefined;
  const cites = projectCitations(s.event as Ctx, s.process, s.snapshot);
  if (cites instanceof YishiError) return cites;
  for (const c of cites) {
    const e = checkCitation(world, s, c);
    if (e) return e;
  }
  if (!s.snapshot) return undefined;
  // The adoption relies on the formation steps' 公示, the funding on the adoption's.
  if (s.event.type === 'RECORD_ADOPTION') return publicityRun(world, s, 'step');
  if (s.event.type === 'CONFIRM_FUNDING') return publicityRun(world, s, 'adoption');
  return undefined;
};
