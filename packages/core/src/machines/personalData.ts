/**
 * Where each process kind carries personal data (个人信息保护法 第4条: information about an
 * identified or identifiable natural person), for `ProcessKind.personal`: a stream engine stores
 * these values only as salted commitments, with the values in the store's vault (engine/privacy.ts).
 *
 * Personal: a private person's id (owner, resident, villager, member, voter, attendee, proxy
 * holder), their household and unit number, ids a portal may build from them (ballot, proxy and
 * authorisation ids), and free text (reasons, opinions, objections). Not personal here: areas (a
 * recount needs them), dates of birth (the adult check compares them; RULES.md 居委会组织法 第9条),
 * group and building names, and organisers on the roster, who act in public office.
 */
import type { PersonalSpec } from './processKind.js';

const UNIT_REGISTRY = ['registry.units.*.owner', 'registry.units.*.id'];
const PEOPLE_REGISTERS = [
  'register.registry.residents.*.id',
  'register.registry.residents.*.household',
  'register.registry.villagers.*.id',
  'register.registry.villagers.*.household',
  'register.registry.members.*.id',
  'register.registry.members.*.name',
];

export const CONSULTATION_PERSONAL: PersonalSpec = {
  input: UNIT_REGISTRY,
  events: {
    CAST_BALLOT: ['owner', 'ballotId', 'proxyId'],
    CORRECT_BALLOT: ['owner', 'reason'],
    WITHDRAW_BALLOT: ['owner', 'reason'],
    REGISTER_PROXY: ['proxyId', 'owner', 'holder', 'authorisationRef'],
    CONFIRM_PROXY: ['proxyId'],
    REVOKE_PROXY: ['proxyId', 'reason'],
    AMEND_REGISTER: [...UNIT_REGISTRY, 'reason'],
    AMEND_RULES: ['reason'],
    CANCEL: ['reason'],
  },
};

export const MEETING_PERSONAL: PersonalSpec = {
  input: ['register.registry.units.*.owner', 'register.registry.units.*.id', ...PEOPLE_REGISTERS],
  events: {
    SIGN_IN: ['attendees.*.person', 'attendees.*.proxy.holder', 'attendees.*.proxy.authorisationId'],
    RECORD_OPINION: ['text', 'by'],
    CONFIRM_PROXY: ['authorisationId', 'holder'],
    CAST_VOTE: ['voter'],
    ADJOURN: ['reason'],
    CANCEL: ['reason'],
  },
};

export const NOTICE_PERSONAL: PersonalSpec = {
  events: {
    OBJECT: ['objectionId', 'text', 'by'],
    ANSWER_OBJECTION: ['objectionId', 'reason'],
    WITHDRAW: ['reason'],
  },
};
