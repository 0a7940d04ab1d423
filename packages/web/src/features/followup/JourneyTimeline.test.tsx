import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { TimelineEvent } from '@gisurg/contracts/followup';
import '../../app/i18n';
import { JourneyTimeline } from './JourneyTimeline';

const PATIENT = '00000000-0000-4000-8000-000000000001';
const EVENTS: TimelineEvent[] = [
  { date: '2026-01-05', kind: 'diagnosis', code: 'colon', text: 'IIIB' },
  { date: '2026-01-12', kind: 'mdt', code: 'colorectal', text: '能否手术？' },
  { date: '2026-01-12', kind: 'mdt_decision', code: 'curative', text: '根治性右半结肠切除' },
  { date: '2026-01-20', kind: 'admission', code: null, text: '升结肠癌' },
  { date: '2026-01-21', kind: 'operation', code: 'laparoscopic', text: 'curative' },
  { date: '2026-01-25', kind: 'complication', code: 'II', text: 'ileus' },
  { date: '2026-01-30', kind: 'discharge', code: 'order', text: null },
  { date: '2026-07-01', kind: 'recurrence', code: 'liver', text: null },
  { date: '2026-07-03', kind: 'follow_up', code: 'alive_with_disease', text: null },
  { date: '2026-11-02', kind: 'death', code: 'cancer', text: null },
];

describe('JourneyTimeline', () => {
  it('lists the journey in the order the server gives, each event named and its codes translated', async () => {
    globalThis.fetch = async (url) => {
      expect(url).toBe(`/api/patients/${PATIENT}/timeline`);
      return new Response(JSON.stringify({ events: EVENTS }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <JourneyTimeline patientId={PATIENT} />
      </QueryClientProvider>,
    );
    const timeline = await screen.findByTestId('journey-timeline');
    const kinds = [...timeline.querySelectorAll('[data-kind]')].map((e) => e.getAttribute('data-kind'));
    expect(kinds).toEqual(EVENTS.map((e) => e.kind));
    const text = timeline.textContent ?? '';
    for (const s of [
      '2026-01-05',
      '诊断',
      '结肠',
      'IIIB',
      'MDT 决策',
      '根治性',
      '腹腔镜',
      '术后肠麻痹',
      'Clavien–Dindo II',
      '医嘱离院',
      '复发',
      '肝',
      '死亡',
    ])
      expect(text).toContain(s);
  });
});
