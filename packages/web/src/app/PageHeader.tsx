import type { ReactNode } from 'react';
import { Breadcrumb, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Page title with breadcrumbs and the page's primary action at the top right (UX.md). */
export function PageHeader({
  title,
  crumbs = [],
  extra,
}: {
  title: ReactNode;
  crumbs?: { label: ReactNode; to?: string }[];
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 16 }}>
      <Breadcrumb
        items={[
          { title: <Link to="/">{t('nav.home')}</Link> },
          ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label })),
        ]}
        style={{ marginBottom: 8 }}
      />
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Space>{extra}</Space>
      </div>
    </div>
  );
}
