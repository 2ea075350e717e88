import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DOCS_PATH,
  PROCESS_DOCS,
  readSection,
  renderAllSections,
  renderNoticeMachineSection,
  renderProcessSection,
  spliceSection,
} from '../../scripts/gen-machine-docs.js';
import { publicNoticeMachine } from './publicNotice.machine.js';

describe('docs/machines.md', () => {
  it('has the notice machine section exactly as generated (run: npx tsx packages/core/scripts/gen-machine-docs.ts)', () => {
    const doc = readFileSync(DOCS_PATH, 'utf8');
    expect(readSection(doc, 'notice-machine')).toBe(renderNoticeMachineSection());
  });

  it.each(renderAllSections().map(([name]) => name))(
    'has the %s section exactly as generated (run: npx tsx packages/core/scripts/gen-machine-docs.ts)',
    (name) => {
      const doc = readFileSync(DOCS_PATH, 'utf8');
      expect(readSection(doc, name)).toBe(new Map(renderAllSections()).get(name));
    },
  );

  it('each process machine has a hand-written intro of its own', () => {
    const doc = readFileSync(DOCS_PATH, 'utf8');
    for (const d of PROCESS_DOCS) {
      const intro = readSection(doc, d.section.replace(/-machine$/, '-intro'));
      expect(intro?.length ?? 0).toBeGreaterThan(200);
    }
  });

  it('the process sections name every state, every event with its roles, and the parameterised send-backs', () => {
    for (const d of PROCESS_DOCS) {
      const section = renderProcessSection(d);
      for (const state of Object.keys(d.kind.machine.states)) expect(section).toContain(`| \`${state}\` |`);
      for (const type of Object.keys(d.kind.permissions)) expect(section).toContain(`| \`${type}\` |`);
    }
    const project = renderProcessSection(PROCESS_DOCS.find((d) => d.section === 'project-machine')!);
    expect(project).toContain('  evaluation --> needsSurvey : SEND_BACK [sendBackTo(needsSurvey)]');
    expect(project).toContain('| `CONFIRM_FUNDING` | — | `residentsCommitteeStaff` | `funding` |');
    const meeting = renderProcessSection(PROCESS_DOCS.find((d) => d.section === 'meeting-machine')!);
    expect(meeting).toContain('  quorumCheck --> quorumFailed : (always)');
  });

  it('the generated diagram names every state and every targeted transition of the machine', () => {
    const section = renderNoticeMachineSection();
    for (const state of Object.keys(publicNoticeMachine.states))
      expect(section).toContain(`| \`${state}\` |`);
    expect(section).toContain('  [*] --> draft\n  draft --> posted : POST [periodComputable]');
    expect(section).toContain(
      '  running --> posted : ANSWER_OBJECTION [upheld ∧ policyRestarts ∧ periodComputable]',
    );
    expect(section).toContain('  running --> completed : (always) [periodElapsed]');
    expect(section).toContain('| `OBJECT` | on, objectionId, text, by? | `posted`, `running` |');
  });

  it('splices a section between its markers and leaves the rest alone', () => {
    const doc = '# T\n\n<!-- BEGIN a -->\nold\n<!-- END a -->\n\ntail\n';
    expect(spliceSection(doc, 'a', 'new')).toBe('# T\n\n<!-- BEGIN a -->\nnew\n<!-- END a -->\n\ntail\n');
    expect(spliceSection('# T\n', 'b', 'x')).toBe('# T\n\n<!-- BEGIN b -->\nx\n<!-- END b -->\n');
    expect(readSection(doc, 'a')).toBe('old');
    expect(readSection(doc, 'b')).toBeUndefined();
  });
});
