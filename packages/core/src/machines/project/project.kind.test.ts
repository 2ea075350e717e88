/**
 * Reviewers, acceptance signers and working-group members are people with a role, never free
 * text, and `projectPeopleCited` lists every one an event names, for the engine's roster check.
 */
import { describe, expect, it } from 'vitest';
import { play, refusal } from '../../testing/fixtureEngine.js';
import { projectKind as kind, projectPeopleCited } from './project.kind.js';
import { adopt, at, diagnosis, EXPERT, ev, formation, funding, survey, through } from './project.testkit.js';
import { ProjectEventInput } from './projectSchemas.js';

const implementing = () =>
  play(
    kind,
    through(survey, diagnosis(), formation),
    adopt(),
    ...funding,
    at(ev('CONFIRM_FUNDING'), '2025-04-10'),
  );
const review = (fields: Record<string, unknown>) =>
  at(ev('RECORD_ACCEPTANCE_REVIEW', { outcome: 'passed', reference: '验收单-01', ...fields }), '2025-05-20');

describe('people named in records are ids with a role', () => {
  it('refuses an acceptance review whose reviewers are free text (INVALID_EVENT), naming the field', () => {
    const s = implementing();
    const e = refusal(kind, s, review({ reviewers: ['专家甲'] }));
    expect(e.code).toBe('INVALID_EVENT');
    expect(e.message).toContain('reviewers.0');
    expect(s.context.acceptanceReviews).toEqual([]);
  });

  it('refuses a person without a role, with an unknown role, or with extra fields; a working-group member likewise', () => {
    const s = implementing();
    expect(refusal(kind, s, review({ reviewers: [{ id: 'e1' }] })).code).toBe('INVALID_EVENT');
    expect(refusal(kind, s, review({ reviewers: [{ id: 'e1', role: '专家' }] })).code).toBe('INVALID_EVENT');
    expect(refusal(kind, s, review({ reviewers: [{ id: 'e1', role: 'expert', name: '张三' }] })).code).toBe(
      'INVALID_EVENT',
    );
    expect(refusal(kind, s, review({ reviewers: [EXPERT], signers: ['居委会'] })).code).toBe('INVALID_EVENT');
    const group = at(ev('FORM_WORKING_GROUP', { members: [{ id: 'r1', role: '居民代表' }] }), '2025-04-16');
    expect(refusal(kind, s, group).code).toBe('INVALID_EVENT');
  });

  it('keeps reviewers and signers as people in the record', () => {
    const signer = { id: 'staff-1', role: 'residentsCommitteeStaff' };
    const s = play(kind, implementing(), review({ reviewers: [EXPERT], signers: [signer] }));
    expect(s.context.acceptanceReviews[0]).toMatchObject({ reviewers: [EXPERT], signers: [signer] });
    expect(
      play(kind, implementing(), review({ reviewers: [EXPERT] })).context.acceptanceReviews[0]?.signers,
    ).toEqual([]);
  });
});

describe('projectPeopleCited', () => {
  const parse = (e: unknown) => ProjectEventInput.parse(e);

  it('lists every reviewer, signer and working-group member with the role and the field that names them', () => {
    expect(
      projectPeopleCited(
        parse({
          type: 'RECORD_ACCEPTANCE_REVIEW',
          outcome: 'passed',
          reference: 'v',
          reviewers: [EXPERT, { id: 'planner-1', role: 'planner' }],
          signers: [{ id: 'staff-1', role: 'residentsCommitteeStaff' }],
        }),
      ),
    ).toEqual([
      { id: 'expert-1', role: 'expert', field: 'reviewers.0' },
      { id: 'planner-1', role: 'planner', field: 'reviewers.1' },
      { id: 'staff-1', role: 'residentsCommitteeStaff', field: 'signers.0' },
    ]);
    expect(
      projectPeopleCited(
        parse({
          type: 'FORM_WORKING_GROUP',
          members: [
            { id: 'r1', role: 'resident' },
            { id: 'pm-1', role: 'propertyManager' },
          ],
        }),
      ),
    ).toEqual([
      { id: 'r1', role: 'resident', field: 'members.0' },
      { id: 'pm-1', role: 'propertyManager', field: 'members.1' },
    ]);
  });

  it('gives [] for events that name nobody, and for a review without signers lists the reviewers only', () => {
    expect(projectPeopleCited(parse({ type: 'CONFIRM_FUNDING' }))).toEqual([]);
    expect(projectPeopleCited(parse({ type: 'RECORD_NOTE', kind: 'supervision', text: '巡查' }))).toEqual([]);
    expect(
      projectPeopleCited(
        parse({ type: 'RECORD_ACCEPTANCE_REVIEW', outcome: 'failed', reference: 'v', reviewers: [EXPERT] }),
      ),
    ).toEqual([{ id: 'expert-1', role: 'expert', field: 'reviewers.0' }]);
  });

  it('every event type whose schema names people is covered', () => {
    // A schema field holding people is an array of { id, role }; each such event must be listed.
    const options = (ProjectEventInput as unknown as { options: { shape: Record<string, unknown> }[] })
      .options;
    const naming = options
      .filter((o) =>
        Object.values(o.shape).some((f) =>
          JSON.stringify((f as { def?: unknown }).def ?? '').includes('expert'),
        ),
      )
      .map((o) => String((o.shape.type as { value: string }).value))
      .sort();
    expect(naming).toEqual(['FORM_WORKING_GROUP', 'RECORD_ACCEPTANCE_REVIEW']);
  });
});
