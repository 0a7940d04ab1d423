import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

/** The theatre area's own navigation: the schedule calendar and the day's worklist. */
export function TheatreNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const options = [
    { value: '/theatre', label: t('theatre.nav.calendar') },
    { value: '/theatre/worklist', label: t('theatre.nav.worklist') },
  ];
  return (
    <Segmented
      options={options}
      value={pathname.startsWith('/theatre/worklist') ? '/theatre/worklist' : '/theatre'}
      onChange={(v) => void navigate(v)}
      style={{ marginBottom: 16 }}
      data-testid="theatre-nav"
    />
  );
}
