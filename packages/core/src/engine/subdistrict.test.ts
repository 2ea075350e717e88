// The sub-district office is a party of its own (issue 9): where the policy makes it the convener
// (上海规定 第25、32条), it convenes — and nobody else does; it records its own 自治金 approval.
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../calendar/plainDate.js';
import { PROCESS_KINDS } from '../machines/index.js';
import { setParameter } from '../policy/reform.js';
import { engineFixturePack, fixtureUnits } from '../testing/fixtureEngine.js';
import { rostered } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';

const subdistrictPack = produce(engineFixturePack, (d) => {
  d.id = 'fixture-subdistrict';
  d.version = '1';
  setParameter(d, 'ownersAssembly.convenerWithoutCommittee', 'subdistrict', {
    reference: '上海市住宅物业管理规定 第25条',
  });
});
const web = (id: string, role: string) => ({ actor: { id, role }, channel: 'web' }) as never;

describe('the sub-district convenes where the policy says so', () => {
  it('an estate without an owners’ committee: the sub-district convenes its assembly, committee staff may not', () => {
    const clock = { t: chinaMidnight('2025-03-03') + 9 * 3_600_000, now: () => clock.t };
    const engine = rostered(createEngine({ kinds: PROCESS_KINDS, clock, packs: [subdistrictPack] }));
    const input = (id: string) => ({
      id,
      title: '业主大会：选举业主委员会',
      body: 'ownersAssembly',
      rules: { pack: 'fixture-subdistrict', at: '2025-03-01' },
      register: { kind: 'units', registry: fixtureUnits },
      hasOwnersCommittee: false,
    });
    const created = engine.create('meeting', 'm-1', input('m-1'), web('sd-1', 'subdistrictStaff'));
    expect(created.ok).toBe(true);
    const convene = {
      type: 'CONVENE',
      meetingDate: '2025-03-20',
      place: '街道会议室',
      agenda: [{ id: 'i1', title: '选举业主委员会', decision: true, matter: 'electCommittee' }],
    };
    const byStaff = engine.send('m-1', convene, web('staff-1', 'residentsCommitteeStaff'));
    expect(byStaff.ok).toBe(false);
    expect(engine.send('m-1', convene, web('sd-1', 'subdistrictStaff')).ok).toBe(true);
    // a claimed sub-district account is not believed
    const impostor = engine.create('meeting', 'm-2', input('m-2'), web('sd-fake', 'subdistrictStaff'));
    expect(impostor.ok || impostor.error.code).toBe('FORBIDDEN_ROLE');
  });
});
