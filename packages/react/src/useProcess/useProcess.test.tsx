import { act, render, screen } from '@testing-library/react';
import { createEngine } from '@yishi/core/engine';
import { publicNoticeKind, rosterKind } from '@yishi/core/machines';
import { describe, expect, it } from 'vitest';
import { type ProcessSource, useProcessSelector, useProcessSnapshot } from './useProcess.js';

// A real engine and the real public-notice machine, on a simulated clock (2024-09-20, Shanghai),
// with the community's roster the staff member is checked against.
function notice() {
  const clock = { t: Date.UTC(2024, 8, 20, 2), now: () => clock.t };
  const engine = createEngine({ kinds: [rosterKind, publicNoticeKind], clock });
  const staff = {
    actor: { id: 'staff-1', role: 'residentsCommitteeStaff' as const },
    channel: 'web' as const,
  };
  const subdistrict = { actor: { id: 'sd-1', role: 'subdistrictStaff' as const }, channel: 'web' as const };
  const appointment = (personId: string, role: string) => ({
    appointmentId: personId,
    personId,
    role,
    from: '2024-01-01',
    basis: '任命',
  });
  const roster = engine.create(
    'roster',
    'roster:default',
    {
      community: 'default',
      root: { by: subdistrict.actor, basis: '街道备案' },
      appointments: [
        appointment('sd-1', 'subdistrictStaff'),
        appointment('staff-1', 'residentsCommitteeStaff'),
      ],
    },
    subdistrict,
  );
  if (!roster.ok) throw roster.error;
  const created = engine.create(
    'publicNotice',
    'n-1',
    { id: 'n-1', kind: 'publicity', title: '2号楼加装电梯方案公示', period: { days: 15, unit: 'natural' } },
    staff,
  );
  if (!created.ok) throw created.error;
  const handle = engine.process('n-1')!;
  return { handle, staff };
}

function State({ process }: { process: ProcessSource<{ value: unknown }> }) {
  const snapshot = useProcessSnapshot(process);
  return <p data-testid="state">{String(snapshot.value)}</p>;
}

describe('useProcessSnapshot', () => {
  it('re-renders when the engine accepts an event, and not when it refuses one', () => {
    const { handle, staff } = notice();
    render(<State process={handle} />);
    expect(screen.getByTestId('state').textContent).toBe('draft');
    act(() => {
      const r = handle.send(
        { type: 'POST', channels: [{ channel: 'board', location: '2号楼门厅', photoId: 'ph-1' }] },
        staff,
      );
      expect(r.ok).toBe(true);
    });
    expect(screen.getByTestId('state').textContent).not.toBe('draft');
    const before = screen.getByTestId('state').textContent;
    act(() => {
      const r = handle.send(
        { type: 'POST', channels: [] },
        { ...staff, actor: { id: 'o-1', role: 'observer' } },
      );
      expect(r.ok).toBe(false);
    });
    expect(screen.getByTestId('state').textContent).toBe(before);
  });
});

const renders = { count: 0 };
const titleOf = (s: { context: unknown }) => (s.context as { title: string }).title;

function Title({ process }: { process: ProcessSource<{ value: unknown; context: unknown }> }) {
  renders.count++;
  return <h2>{useProcessSelector(process, titleOf)}</h2>;
}

describe('useProcessSelector', () => {
  it('re-renders only when the selected value changes', () => {
    const { handle, staff } = notice();
    renders.count = 0;
    render(<Title process={handle} />);
    expect(screen.getByRole('heading').textContent).toBe('2号楼加装电梯方案公示');
    const after = renders.count;
    act(() => {
      const r = handle.send(
        { type: 'POST', channels: [{ channel: 'board', location: '2号楼门厅', photoId: 'ph-1' }] },
        staff,
      );
      expect(r.ok).toBe(true);
    });
    expect(renders.count).toBe(after); // the title did not change, so no re-render
  });
});
