import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLocale, type Locale } from './i18n';

/** One click between 中文 and English; the choice is remembered in this browser. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { i18n, t } = useTranslation();
  const next: Locale = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      onClick={() => setLocale(next)}
      aria-label={t('common.switchLanguage')}
      data-testid="language-switch"
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
