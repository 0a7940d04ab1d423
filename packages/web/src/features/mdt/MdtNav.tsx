import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';

/** The MDT area's own navigation: boards, tracking worklist, concordance. */
export function MdtNav() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const options = [
    { value: '/mdt', label: t('mdt.nav.meetings') },
    ...(can('mdt:track') ? [{ value: '/mdt/tracking', label: t('mdt.nav.tracking') }] : []),
    ...(can('mdt:track') ? [{ value: '/mdt/concordance', label: t('mdt.nav.concordance') }] : []),
  ];
  if (options.length < 2) return null;
  const current = options.find((o) => o.value !== '/mdt' && pathname.startsWith(o.value))?.value ?? '/mdt';
  return (
    <Segmented options={options} value={current} onChange={(v) => void navigate(v)} style={{ marginBottom: 16 }} data-testid="mdt-nav" />
  );
}
