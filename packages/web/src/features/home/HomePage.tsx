import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../app/api';
import { useAuth } from '../../app/auth';
import { visibleMenu } from '../../app/menu';
import type { Page, Patient } from '../../app/types';
import { TodayCards } from '../../app/today';

/** Start page: greeting, what this role works on today (TodayCards), what it can open, and recently updated patients. */
export function HomePage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const { data } = useQuery({
    queryKey: ['patients', 'recent'],
    queryFn: ({ signal }) => get<Page<Patient>>('/api/patients?pageSize=8', signal),
    enabled: can('patient:read'),
  });
  if (!me) return null;
  const entries = visibleMenu(can).filter((e) => e.key !== 'home');
  return (
    <>
      <Typography.Title level={4}>{t('home.greeting', { name: me.user.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      <TodayCards />
      <Row gutter={[16, 16]}>
        {entries.map((e) => (
          <Col key={e.key} xs={24} sm={12} lg={6}>
            <Link to={e.path}>
              <Card hoverable size="small">
                <Card.Meta avatar={e.icon} title={t(e.labelKey)} description={t(`home.describe.${e.key}`)} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {can('patient:read') && data && (
        <Card
          title={t('home.recentPatients')}
          size="small"
          style={{ marginTop: 16 }}
          extra={<Statistic value={data.total} suffix={t('home.patientsTotal')} valueStyle={{ fontSize: 16 }} />}
        >
          <Row gutter={[8, 8]}>
            {data.items.map((p) => (
              <Col key={p.id} xs={12} md={6}>
                <Link to={`/patients/${p.id}`}>
                  {p.name} · {t(`sex.${p.sex}`)} · {t('patient.ageYears', { age: p.age })}
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </>
  );
}
