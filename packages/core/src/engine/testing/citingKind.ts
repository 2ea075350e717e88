/**
 * A small kind for the engine's tests of `peopleCited`: a record that names a reviewer (who must
 * be a planner or committee staff on the roster) and a proxy holder (who must not be an
 * organiser: committee staff or an owners'-committee member), as the project's reviewers and a
 * meeting's proxies will.
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import type { ProcessKind } from '../../machines/processKind.js';

type Ev = { type: 'REVIEW'; reviewerId: string } | { type: 'NAME_HOLDER'; holderId: string };

const machine = setup({ types: { context: {} as { names: string[] }, events: {} as Ev } }).createMachine({
  context: { names: [] },
  initial: 'open',
  states: {
    open: {
      on: {
        REVIEW: { actions: assign({ names: ({ context, event }) => [...context.names, event.reviewerId] }) },
        NAME_HOLDER: {
          actions: assign({ names: ({ context, event }) => [...context.names, event.holderId] }),
        },
      },
    },
  },
});

export const citingKind: ProcessKind = {
  kind: 'citing',
  title: { 'zh-CN': '测试', en: 'Citing' },
  machine,
  input: z.object({}),
  events: z.discriminatedUnion('type', [
    z.object({ type: z.literal('REVIEW'), reviewerId: z.string().min(1) }),
    z.object({ type: z.literal('NAME_HOLDER'), holderId: z.string().min(1) }),
  ]),
  permissions: { REVIEW: ['residentsCommitteeStaff'], NAME_HOLDER: ['owner', 'residentsCommitteeStaff'] },
  creators: ['residentsCommitteeStaff'],
  peopleCited: (e) =>
    e.type === 'REVIEW'
      ? [{ id: String(e.reviewerId), field: 'reviewerId', role: ['planner', 'residentsCommitteeStaff'] }]
      : e.type === 'NAME_HOLDER'
        ? [
            {
              id: String(e.holderId),
              field: 'holderId',
              notRoles: ['residentsCommitteeStaff', 'ownersCommittee'],
              code: 'PROXY_INVALID',
            },
          ]
        : [],
};
