// Rules come from the law, not from the caller (issue 9): each test is written as the attack.
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../calendar/plainDate.js';
import { YishiError } from '../errors/YishiError.js';
import type { LogEntry } from '../log/logEntry.js';
import type { FrozenPolicy } from '../machines/frozenPolicy.js';
import { writtenConsultationKind as kind } from '../machines/writtenConsultation/writtenConsultation.kind.js';
import type { PolicyPack } from '../policy/pack.js';
import { defineReform, setParameter } from '../policy/reform.js';
import { resolvePolicy } from '../policy/resolve.js';
import { engineFixturePack, FIXTURE_PACKS, fixtureRules, fixtureUnits } from '../testing/fixtureEngine.js';
import { rostered, withRoster } from '../testing/fixtureRoster.js';
import { createEngine } from './createEngine.js';
import type { EngineOptions } from './engineTypes.js';
import { replay } from './replay.js';
import { rechain } from './testing/rechain.js';

const HOUR = 3_600_000;
const KINDS = withRoster([kind]);
const COMMITTEE = { actor: { id: 'oc-1', role: 'ownersCommittee' }, channel: 'web' } as const;
const ITEMS = [{ id: 'fund', title: '使用维修资金更换水泵', matter: 'useMaintenanceFund' }] as const;
const input = (over: Record<string, unknown>) => ({
  id: 'wc',
  title: '书面表决',
  items: ITEMS,
  registry: fixtureUnits,
  hasOwnersCommittee: true,
  ...over,
});

function engineWith(options: Partial<EngineOptions> = {}) {
  const clock = { t: chinaMidnight('2025-04-01') + 9 * HOUR, now: () => clock.t };
  return rostered(createEngine({ kinds: KINDS, clock, packs: FIXTURE_PACKS, ...options }));
}

const errorOf = (r: { ok: boolean; error?: YishiError }) => {
  expect(r.ok).toBe(false);
  return r.error!;
};

/** The attacker's pack: the fixture under the name "shanghai", quorum 1%, no notice. */
const handMade: PolicyPack = produce(engineFixturePack, (d) => {
  d.id = 'shanghai';
  d.version = '2025.1';
  setParameter(
    d,
    'ownersAssembly.quorum',
    { area: { num: 1, den: 100, cmp: '>=' }, headcount: { num: 1, den: 100, cmp: '>=' } },
    { reference: '伪造' },
  );
  setParameter(d, 'ownersAssembly.noticeDays', 0, { reference: '伪造' });
});

const frozen = (engine: ReturnType<typeof engineWith>) =>
  (engine.process('wc')!.getSnapshot().context as { policy: FrozenPolicy }).policy;

describe('rules come from the packs the engine was given', () => {
  it('the 1% policy handed in whole is refused, and nothing is logged', () => {
    const engine = engineWith();
    const e = errorOf(
      engine.create(
        'writtenConsultation',
        'wc',
        input({ policy: resolvePolicy(handMade, '2025-01-01') }),
        COMMITTEE,
      ),
    );
    expect(e.code).toBe('POLICY_NOT_FROM_PACK');
    expect(engine.log()).toHaveLength(1);
    expect(engine.process('wc')).toBeUndefined();
  });

  it('a live engine refuses a pack below the statutory line, whatever it is called', () => {
    let thrown: unknown;
    try {
      engineWith({ packs: [handMade] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(YishiError);
    expect((thrown as YishiError).code).toBe('STATUTORY_LINE');
    expect((thrown as YishiError).message).toContain('民法典 第278条');
    const paths = (thrown as YishiError).issues.map((i) => i.path);
    expect(paths).toContain('packs[0].parameters["ownersAssembly.quorum"]');
    expect(paths).toContain('packs[0].parameters["ownersAssembly.noticeDays"]');
    expect((thrown as YishiError).message).toContain('物业管理条例 第14条');
  });

  it('a covenant choice cannot touch a statutory line (STATUTORY_LINE, citing the article)', () => {
    const engine = engineWith();
    const rules = {
      ...fixtureRules(),
      covenant: {
        'ownersAssembly.quorum': {
          value: { area: { num: 1, den: 100, cmp: '>=' }, headcount: { num: 1, den: 100, cmp: '>=' } },
          reference: '本小区议事规则',
        },
      },
    };
    const e = errorOf(engine.create('writtenConsultation', 'wc', input({ rules }), COMMITTEE));
    expect(e.code).toBe('STATUTORY_LINE');
    expect(e.message).toContain('ownersAssembly.quorum');
    expect(e.issues[0]?.path).toBe('rules.covenant["ownersAssembly.quorum"]');
    expect(engine.log()).toHaveLength(1);
  });

  it('a covenant choice outside the allowed values is refused; one inside is applied and shown', () => {
    const engine = engineWith();
    const bad = {
      ...fixtureRules(),
      covenant: { 'ownersAssembly.repeatBallot': { value: 'committeeDecides', reference: '本小区议事规则' } },
    };
    expect(errorOf(engine.create('writtenConsultation', 'wc', input({ rules: bad }), COMMITTEE)).code).toBe(
      'COVENANT_NOT_ALLOWED',
    );
    const ok = engine.create(
      'writtenConsultation',
      'wc',
      input({ rules: fixtureRules({ 'ownersAssembly.repeatBallot': 'lastCounts' }) }),
      COMMITTEE,
    );
    expect(ok.ok).toBe(true);
    const policy = frozen(engine);
    expect(policy).toMatchObject({
      policyId: 'fixture',
      version: 'fixture-1',
      at: '2025-01-01',
      mode: 'live',
    });
    expect(policy.parameters['ownersAssembly.repeatBallot']).toMatchObject({
      value: 'lastCounts',
      covenant: '本小区业主大会议事规则 (fixture)',
    });
    // the fingerprint covers the choice: the same pack without it has another hash
    const plain = engineWith();
    plain.create('writtenConsultation', 'wc', input({ rules: fixtureRules() }), COMMITTEE);
    expect(frozen(plain).rulesHash).not.toBe(policy.rulesHash);
    // what is logged is the resolved policy, not the caller's `rules`
    const logged = engine.log()[1]!.event.input as Record<string, unknown>;
    expect(logged.rules).toBeUndefined();
    expect((logged.policy as { version: string }).version).toBe('fixture-1');
  });

  it('an unknown pack, an unknown version, a pack without a version', () => {
    const engine = engineWith();
    expect(
      errorOf(
        engine.create(
          'writtenConsultation',
          'wc',
          input({ rules: { pack: 'beijing', at: '2025-01-01' } }),
          COMMITTEE,
        ),
      ).code,
    ).toBe('UNKNOWN_POLICY');
    expect(
      errorOf(
        engine.create(
          'writtenConsultation',
          'wc',
          input({ rules: { ...fixtureRules(), version: '9' } }),
          COMMITTEE,
        ),
      ).code,
    ).toBe('UNKNOWN_POLICY');
    const unversioned = produce(engineFixturePack, (d) => {
      delete d.version;
    });
    expect(() => engineWith({ packs: [unversioned] })).toThrow(/no version/);
    const twin = produce(engineFixturePack, (d) => {
      d.title.en = 'another';
    });
    expect(() => engineWith({ packs: [engineFixturePack, twin] })).toThrow(/two different packs/);
  });

  it('AMEND_RULES takes rules too; a policy in it is refused', () => {
    const engine = engineWith();
    expect(engine.create('writtenConsultation', 'wc', input({ rules: fixtureRules() }), COMMITTEE).ok).toBe(
      true,
    );
    const handed = engine.send(
      'wc',
      { type: 'AMEND_RULES', policy: resolvePolicy(handMade, '2025-01-01'), reason: '调整' },
      COMMITTEE,
    );
    expect(errorOf(handed).code).toBe('POLICY_NOT_FROM_PACK');
    const r = engine.send(
      'wc',
      {
        type: 'AMEND_RULES',
        rules: fixtureRules({ 'ownersAssembly.repeatBallot': 'lastCounts' }),
        reason: '依议事规则',
      },
      COMMITTEE,
    );
    expect(r.ok).toBe(true);
    expect(frozen(engine).parameters['ownersAssembly.repeatBallot']?.value).toBe('lastCounts');
    const again = replay(engine.log(), KINDS, { packs: FIXTURE_PACKS });
    expect(again.ok).toBe(true);
  });
});

const lowQuorum = defineReform(
  {
    id: 'low-quorum',
    title: { 'zh-CN': '低门槛', en: 'Low quorum' },
    description: { 'zh-CN': '模拟', en: 'what-if' },
  },
  (d) => {
    setParameter(
      d,
      'ownersAssembly.quorum',
      { area: { num: 1, den: 2, cmp: '>' }, headcount: { num: 1, den: 2, cmp: '>' } },
      { reference: 'what-if' },
    );
  },
);

describe('reforms are for simulation, and the log says which it was', () => {
  it('a live engine refuses reforms, in its options and in a process', () => {
    expect(() => engineWith({ reforms: [lowQuorum] })).toThrow(/simulation/);
    const engine = engineWith();
    const e = errorOf(
      engine.create(
        'writtenConsultation',
        'wc',
        input({ rules: { ...fixtureRules(), reforms: ['low-quorum'] } }),
        COMMITTEE,
      ),
    );
    expect(e.code).toBe('REFORM_NOT_ALLOWED');
  });

  it('a simulation applies them, records the mode, and its log never replays as live', () => {
    const sim = engineWith({ mode: 'simulation', reforms: [lowQuorum] });
    const r = sim.create(
      'writtenConsultation',
      'wc',
      input({ rules: { ...fixtureRules(), reforms: ['low-quorum'] } }),
      COMMITTEE,
    );
    expect(r.ok).toBe(true);
    expect(frozen(sim)).toMatchObject({ mode: 'simulation', reforms: ['low-quorum'] });
    expect(frozen(sim).parameters['ownersAssembly.quorum']?.value).toMatchObject({
      area: { num: 1, den: 2 },
    });
    const live = replay(sim.log(), KINDS, { packs: FIXTURE_PACKS });
    expect(live.ok).toBe(false);
    if (!live.ok) expect(live.error.code).toBe('POLICY_NOT_FROM_PACK');
    expect(
      replay(sim.log(), KINDS, { packs: FIXTURE_PACKS, mode: 'simulation', reforms: [lowQuorum] }).ok,
    ).toBe(true);
  });
});

describe('replay re-resolves every logged policy', () => {
  function liveLog(): LogEntry[] {
    const engine = engineWith();
    const r = engine.create('writtenConsultation', 'wc', input({ rules: fixtureRules() }), COMMITTEE);
    if (!r.ok) throw r.error;
    return engine.log();
  }

  it('accepts the log the engine wrote, and refuses it without the packs', () => {
    expect(replay(liveLog(), KINDS, { packs: FIXTURE_PACKS }).ok).toBe(true);
    const bare = replay(liveLog(), KINDS);
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(bare.error.code).toBe('UNKNOWN_POLICY');
  });

  it('a log whose policy was lowered to 1% and re-hashed fails at that entry', () => {
    const forged = rechain(
      liveLog().map((e) =>
        produce(e, (d) => {
          const policy = (d.event.input as { policy: { parameters: Record<string, { value: unknown }> } })
            ?.policy;
          if (!policy) return;
          policy.parameters['ownersAssembly.quorum']!.value = {
            area: { num: 1, den: 100, cmp: '>=' },
            headcount: { num: 1, den: 100, cmp: '>=' },
          };
        }),
      ),
    );
    const r = replay(forged, KINDS, { packs: FIXTURE_PACKS });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('POLICY_NOT_FROM_PACK');
      expect(r.index).toBe(1);
    }
  });

  it('a log that claims a covenant choice the pack does not allow fails', () => {
    const forged = rechain(
      liveLog().map((e) =>
        produce(e, (d) => {
          const policy = (
            d.event.input as { policy: { parameters: Record<string, Record<string, unknown>> } }
          )?.policy;
          if (!policy) return;
          policy.parameters['ownersAssembly.noticeDays'] = {
            ...policy.parameters['ownersAssembly.noticeDays'],
            value: 1,
            covenant: '本小区议事规则',
          };
        }),
      ),
    );
    const r = replay(forged, KINDS, { packs: FIXTURE_PACKS });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('STATUTORY_LINE');
  });
});
