/**
 * The engine-level tests' fixtures: the consultation script, the fixture policy pack and the
 * roster come from core's test fixtures (data only); the kinds and the engine from the built
 * package, as a portal would use them.
 */
import { rosterKind, writtenConsultationKind } from '@yishi/core/machines';

export {
  expectedFundCount,
  type FixtureConsultation,
  fixtureConsultation,
  setUpConsultation,
} from '../../core/src/testing/fixtureConsultation.js';
export { FIXTURE_PACKS } from '../../core/src/testing/fixtureEngine.js';

export const KINDS = [rosterKind, writtenConsultationKind];
