/**
 * Generates the machine sections of docs/machines.md — the public notice, the meeting, the written
 * consultation and the participatory-planning project — from the machine definitions themselves
 * (states, transitions, guards, actions), their zod event schemas and, for the process kinds, the
 * role permissions, so the docs cannot drift: `src/notice/machineDocs.test.ts` fails when the file
 * differs from what this renders.
 *
 *   npx tsx packages/core/scripts/gen-machine-docs.ts
 *
 * Each machine owns the text between `<!-- BEGIN <name> -->` and `<!-- END <name> -->`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyStateMachine, AnyTransitionDefinition } from 'xstate';
import { meetingKind } from '../src/machines/meeting/meeting.kind.js';
import type { MachineKind } from '../src/machines/processKind.js';
import { projectKind } from '../src/machines/project/project.kind.js';
import { writtenConsultationKind } from '../src/machines/writtenConsultation/writtenConsultation.kind.js';
import { NoticeEvent } from '../src/notice/noticeSchemas.js';
import { publicNoticeMachine } from '../src/notice/publicNotice.machine.js';

export const DOCS_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/machines.md');

interface GuardLike {
  type?: string;
  guards?: unknown[];
  check?: { name?: string };
}

/** 'a ∧ b ∧ ¬c' for `and(['a', 'b', not('c')])`. */
function guardText(guard: unknown): string {
  if (guard === undefined) return '';
  if (typeof guard === 'string') return guard;
  const g = guard as GuardLike;
  if (g.guards) {
    const parts = g.guards.map(guardText);
    if (g.check?.name === 'checkNot') return `¬${parts.join('')}`;
    return parts.join(g.check?.name === 'checkOr' ? ' ∨ ' : ' ∧ ');
  }
  const params = (guard as { params?: Record<string, unknown> }).params;
  if (g.type && params && typeof params === 'object') return `${g.type}(${Object.values(params).join(', ')})`;
  return g.type ?? '(inline)';
}

function actionText(t: AnyTransitionDefinition): string {
  return t.actions
    .map((a) => (typeof a === 'string' ? a : ((a as { type?: string }).type ?? '(inline)')))
    .join(', ');
}

interface Row {
  from: string;
  event: string;
  guard: string;
  to: string | null;
  actions: string;
}

function rows(machine: AnyStateMachine): Row[] {
  const out: Row[] = [];
  for (const [key, node] of Object.entries(machine.states)) {
    const all: AnyTransitionDefinition[] = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
    for (const t of all) {
      out.push({
        from: key,
        event: t.eventType === '' ? '(always)' : t.eventType,
        guard: guardText(t.guard),
        to: t.target?.[0]?.key ?? null,
        actions: actionText(t),
      });
    }
  }
  return out;
}

interface EventUnion {
  options: readonly { shape: Record<string, unknown> }[];
}

function eventFields(events: EventUnion = NoticeEvent as unknown as EventUnion): Map<string, string> {
  const fields = new Map<string, string>();
  for (const option of events.options as readonly {
    shape: { type: { value: unknown } } & Record<string, unknown>;
  }[]) {
    const { type, ...rest } = option.shape;
    const names = Object.entries(rest).map(([k, v]) =>
      (v as { safeParse(x: unknown): { success: boolean } }).safeParse(undefined).success ? `${k}?` : k,
    );
    fields.set(String(type.value), names.join(', '));
  }
  return fields;
}

const COMMON_GUARDS = ['dateNotBackwards', 'objectionIsPending'];

function mermaid(machine: AnyStateMachine, all: Row[], common: readonly string[] = COMMON_GUARDS): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${String(machine.config.initial)}`];
  for (const r of all) {
    if (r.to === null) continue;
    // The diagram leaves out the preconditions every live transition shares (see the table).
    const guard = r.guard
      .split(' ∧ ')
      .filter((g) => !common.includes(g))
      .join(' ∧ ');
    lines.push(`  ${r.from} --> ${r.to} : ${r.event}${guard ? ` [${guard}]` : ''}`);
  }
  for (const [key, node] of Object.entries(machine.states)) {
    if (node.type === 'final') lines.push(`  ${key} --> [*]`);
    const stay = [...new Set(all.filter((r) => r.from === key && r.to === null).map((r) => r.event))];
    if (stay.length > 0) lines.push(`  note right of ${key} : stays on ${stay.join(', ')}`);
  }
  return lines.join('\n');
}

const cell = (s: string) => (s === '' ? '—' : `\`${s}\``);

/** The transitions table, the same for every machine (tried top to bottom). */
function transitionsTable(all: readonly Row[]): string[] {
  return [
    '### Transitions',
    '',
    'Tried top to bottom; the first whose guard holds is taken. `(always)` rows are checked after every event.',
    '',
    '| From | Event | Guard | To | Actions |',
    '|---|---|---|---|---|',
    ...all.map(
      (r) =>
        `| \`${r.from}\` | ${cell(r.event)} | ${cell(r.guard)} | ${r.to ? `\`${r.to}\`` : '(stays)'} | ${cell(r.actions)} |`,
    ),
  ];
}

export function renderNoticeMachineSection(machine: AnyStateMachine = publicNoticeMachine): string {
  const all = rows(machine);
  const fields = eventFields();
  const accepted = (event: string) => [
    ...new Set(all.filter((r) => r.event === event).map((r) => `\`${r.from}\``)),
  ];
  const out = [
    '## Public notice machine',
    '',
    `Generated from \`publicNoticeMachine\` (machine id \`${machine.id}\`) by`,
    '`packages/core/scripts/gen-machine-docs.ts`; do not edit by hand.',
    '',
    '### States',
    '',
    '| State | Kind | Meaning |',
    '|---|---|---|',
    ...Object.entries(machine.states).map(([k, n]) => `| \`${k}\` | ${n.type} | ${n.description ?? ''} |`),
    '',
    '### Events',
    '',
    '| Event | Fields | Accepted in |',
    '|---|---|---|',
    ...[...fields].map(([type, f]) => `| \`${type}\` | ${f} | ${accepted(type).join(', ') || '—'} |`),
    '',
    'Every event carries `on`, the day it happened (YYYY-MM-DD, China time); dates never go backwards.',
    'An event no transition accepts is refused with a typed error and changes nothing (`applyNoticeEvent`).',
    '',
    ...transitionsTable(all),
    '',
    '### Diagram',
    '',
    `Guards ${COMMON_GUARDS.map((g) => `\`${g}\``).join(' and ')} are left out of the diagram.`,
    '',
    '```mermaid',
    mermaid(machine, all),
    '```',
  ];
  return out.join('\n');
}

/** A process machine of `src/machines`, documented from its `ProcessKind`. */
export interface ProcessDoc {
  /** The marker name in docs/machines.md. */
  section: string;
  heading: string;
  exportName: string;
  kindName: string;
  kind: MachineKind;
  /** Guards every transition of the machine shares, left out of the diagram. */
  commonGuards: readonly string[];
}

export const PROCESS_DOCS: readonly ProcessDoc[] = [
  {
    section: 'meeting-machine',
    heading: '## Meeting machine (会议)',
    exportName: 'meetingMachine',
    kindName: 'meetingKind',
    kind: meetingKind as unknown as MachineKind,
    commonGuards: ['dateNotBackwards', 'actorIsConvener'],
  },
  {
    section: 'written-consultation-machine',
    heading: '## Written consultation machine (书面征求意见 / 电子投票)',
    exportName: 'writtenConsultationMachine',
    kindName: 'writtenConsultationKind',
    kind: writtenConsultationKind as unknown as MachineKind,
    commonGuards: ['dateNotBackwards', 'actorIsOrganiser'],
  },
  {
    section: 'project-machine',
    heading: '## Participatory-planning project machine (参与式社区规划项目)',
    exportName: 'projectMachine',
    kindName: 'projectKind',
    kind: projectKind as unknown as MachineKind,
    commonGuards: ['dateNotBackwards'],
  },
];

export function renderProcessSection(doc: ProcessDoc): string {
  const { machine } = doc.kind;
  const all = rows(machine);
  const fields = eventFields(doc.kind.events as unknown as EventUnion);
  const accepted = (event: string) => [
    ...new Set(all.filter((r) => r.event === event).map((r) => `\`${r.from}\``)),
  ];
  const roles = (type: string) => (doc.kind.permissions[type] ?? []).map((r) => `\`${r}\``).join(', ') || '—';
  const out = [
    doc.heading,
    '',
    `Generated from \`${doc.exportName}\` (machine id \`${machine.id}\`) and \`${doc.kindName}\` (process kind`,
    `\`${doc.kind.kind}\`) by \`packages/core/scripts/gen-machine-docs.ts\`; do not edit by hand.`,
    '',
    '### States',
    '',
    '| State | Kind | Meaning |',
    '|---|---|---|',
    ...Object.entries(machine.states).map(([k, n]) => `| \`${k}\` | ${n.type} | ${n.description ?? ''} |`),
    '',
    '### Events',
    '',
    '| Event | Fields | Roles | Accepted in |',
    '|---|---|---|---|',
    ...[...fields].map(
      ([type, f]) => `| \`${type}\` | ${f || '—'} | ${roles(type)} | ${accepted(type).join(', ') || '—'} |`,
    ),
    '',
    'Events are validated without `on` and `actor`: the engine stamps both (the day, YYYY-MM-DD China',
    'time, and who sent it); dates never go backwards. Roles are checked first; guards then narrow them',
    `(e.g. to the body's own convener). A refused event changes nothing and is explained with a typed`,
    `error (\`${doc.kindName}.explainRefusal\`).`,
    '',
    ...transitionsTable(all),
    '',
    '### Diagram',
    '',
    `Guard${doc.commonGuards.length > 1 ? 's' : ''} ${doc.commonGuards.map((g) => `\`${g}\``).join(' and ')} ${doc.commonGuards.length > 1 ? 'are' : 'is'} left out of the diagram.`,
    '',
    '```mermaid',
    mermaid(machine, all, doc.commonGuards),
    '```',
  ];
  return out.join('\n');
}

/** Every generated section: marker name → text. */
export function renderAllSections(): [string, string][] {
  return [
    ['notice-machine', renderNoticeMachineSection()],
    ...PROCESS_DOCS.map((d): [string, string] => [d.section, renderProcessSection(d)]),
  ];
}

/** `doc` with the text between the markers for `name` replaced (markers appended if absent). */
export function spliceSection(doc: string, name: string, body: string): string {
  const begin = `<!-- BEGIN ${name} -->`;
  const end = `<!-- END ${name} -->`;
  const block = `${begin}\n${body}\n${end}`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, i) + block + doc.slice(j + end.length);
}

/** The text currently between the markers for `name`, or undefined. */
export function readSection(doc: string, name: string): string | undefined {
  const m = new RegExp(`<!-- BEGIN ${name} -->\\n([\\s\\S]*?)\\n<!-- END ${name} -->`).exec(doc);
  return m?.[1];
}

function main(): void {
  let doc = readFileSync(DOCS_PATH, 'utf8');
  for (const [name, body] of renderAllSections()) doc = spliceSection(doc, name, body);
  writeFileSync(DOCS_PATH, doc);
  console.log(`updated ${DOCS_PATH}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
