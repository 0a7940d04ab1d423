import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import i18n from 'i18next';
import type { FollowUpImportReport } from '@gisurg/contracts/followup';
import '../../app/i18n';
import { FollowUpImportDialog } from './FollowUpImportDialog';

/**
 * The browser's XMLHttpRequest (the upload needs its progress events), answering as the server does:
 * a dry run → 200 with the report; the import → 400 with the row errors in error.details.
 */
const sent: { url: string; type: string | undefined; body: unknown }[] = [];
class FakeXhr {
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private url = '';
  private headers: Record<string, string> = {};
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    sent.push({ url: this.url, type: this.headers['content-type'], body });
    const dryRun = this.url.includes('dryRun=true');
    const errors = [
      { line: 3, column: 'death_date', message: '状态为“死亡”时请填写死亡日期和原因' },
      { line: 5, column: 'inpatient_no', message: '未找到该患者（或无权查看）' },
    ];
    const report: FollowUpImportReport = { total: 4, imported: dryRun ? 2 : 0, skipped: 0, failed: 2, dryRun, errors };
    setTimeout(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
      this.status = dryRun ? 200 : 400;
      this.responseText = JSON.stringify(
        dryRun ? report : { error: { code: 'VALIDATION', message: '有 2 行数据有误，未导入任何记录', details: report } },
      );
      this.onload?.();
    }, 0);
  }
}
const realXhr = globalThis.XMLHttpRequest;
afterEach(() => {
  globalThis.XMLHttpRequest = realXhr;
  sent.length = 0;
});

function renderDialog() {
  globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <FollowUpImportDialog open onClose={() => undefined} />
      </App>
    </QueryClientProvider>,
  );
}

function pickFile(name: string) {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  fireEvent.change(input, { target: { files: [new File(['住院号,随访日期,随访结果\n'], name, { type: 'text/csv' })] } });
}

describe('FollowUpImportDialog', () => {
  it('checks the file (dry run), then imports it, and lists the row errors by line and column', async () => {
    await i18n.changeLanguage('zh-CN');
    renderDialog();
    expect(screen.getByText('下载模板（Excel）')).toBeTruthy();
    expect(screen.getByTestId<HTMLButtonElement>('import-check').disabled).toBe(true);
    pickFile('随访.csv');
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('import-check').disabled).toBe(false));

    fireEvent.click(screen.getByTestId('import-check'));
    const summary = await screen.findByTestId('import-summary');
    expect(summary.textContent).toContain('检查完成：共 4 行，可导入 2 行，已存在 0 行，有误 2 行');
    expect(sent[0]).toMatchObject({ url: '/api/follow-up/import?dryRun=true', type: 'text/csv' });
    expect(sent[0]!.body).toBeInstanceOf(File);
    expect(screen.getByTestId('import-progress')).toBeTruthy();
    const rows = within(screen.getByTestId('import-errors')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      '行号列问题',
      '3death_date状态为“死亡”时请填写死亡日期和原因',
      '5inpatient_no未找到该患者（或无权查看）',
    ]);

    fireEvent.click(screen.getByTestId('import-run'));
    const failure = await screen.findByTestId('import-failure');
    expect(failure.textContent).toContain('有 2 行数据有误，未导入任何记录');
    expect(sent[1]).toMatchObject({ url: '/api/follow-up/import' });
    expect(within(screen.getByTestId('import-errors')).getAllByRole('row')).toHaveLength(3);
  });

  it('speaks English', async () => {
    await i18n.changeLanguage('en');
    renderDialog();
    expect(screen.getByText('Download the template (Excel)')).toBeTruthy();
    expect(screen.getByText('Check only')).toBeTruthy();
    await i18n.changeLanguage('zh-CN');
  });
});
