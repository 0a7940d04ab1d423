import { Col, Row } from 'antd';
import type { Permission } from './types';
import { useAuth } from './auth';
import { FollowUpToday } from '../features/followup/FollowUpToday';
import { MdtToday } from '../features/mdt/MdtToday';
import { QualityToday } from '../features/quality/QualityToday';
import { ResearchToday } from '../features/research/ResearchToday';
import { TheatreToday } from '../features/theatre/TheatreToday';
import { WardToday } from '../features/ward/WardToday';

/**
 * What each role works on today (issue 16 item 7), one card per capability the reader holds — head: beds,
 * theatre, boards, follow-up, quality; nurse: beds to clean, admissions and discharges, theatre; coordinator: the
 * next board and cases to triage; researcher: projects. Each feature owns its card and reads its own routes, so a
 * role sees what those routes allow it.
 */
const TODAY: { key: string; permission: Permission; Card: () => React.ReactNode }[] = [
  { key: 'ward', permission: 'ward:read', Card: WardToday },
  { key: 'theatre', permission: 'theatre:read', Card: TheatreToday },
  { key: 'mdt', permission: 'mdt:read', Card: MdtToday },
  { key: 'followup', permission: 'followup:read', Card: FollowUpToday },
  { key: 'quality', permission: 'quality:read', Card: QualityToday },
  { key: 'research', permission: 'research:read', Card: ResearchToday },
];

export function TodayCards() {
  const { can } = useAuth();
  const cards = TODAY.filter((c) => can(c.permission));
  if (cards.length === 0) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="today-cards">
      {cards.map(({ key, Card }) => (
        <Col key={key} xs={24} lg={12}>
          <Card />
        </Col>
      ))}
    </Row>
  );
}
