import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { makeResidentId } from '@gisurg/clinical';
import '../../app/i18n';
import { AuthContext } from '../../app/auth';
import { PatientForm } from './PatientForm';

function renderForm() {
  // The form loads the hospital list for the referral field; answer it without a server.
  globalThis.fetch = async () =>
    new Response(JSON.stringify({ items: [], total: 0, page: 1, pageSize: 500 }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const router = createMemoryRouter([
    { path: '/', element: <PatientForm patient={null} onSaved={() => undefined} onCancel={() => undefined} /> },
  ]);
  return render(
    <AntApp>
      <QueryClientProvider client={new QueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AntApp>,
  );
}

describe('PatientForm', () => {
  it('checks the resident ID in the browser with the GB 11643 rule and says why in Chinese', async () => {
    renderForm();
    const id = makeResidentId({ areaCode: '330106', birthDate: '1961-02-03', sequence: 55, sex: 'male' });
    const wrong = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    await userEvent.type(screen.getByTestId('field-idNumber'), wrong);
    await waitFor(() => expect(screen.getByText('身份证号校验位错误，请核对')).toBeTruthy(), { timeout: 3000 });
  });

  it('fills in birth date and sex from a valid resident ID', async () => {
    renderForm();
    const id = makeResidentId({ areaCode: '330106', birthDate: '1961-02-03', sequence: 56, sex: 'female' });
    await userEvent.type(screen.getByTestId('field-idNumber'), id);
    await waitFor(() =>
      expect(screen.getByTestId('field-birthDate').querySelector('input') ?? screen.getByTestId('field-birthDate')).toHaveProperty(
        'value',
        '1961-02-03',
      ),
    );
    const female = screen.getByLabelText<HTMLInputElement>('女');
    expect(female.checked).toBe(true);
  });
});

describe('PatientForm for an external doctor', () => {
  it('takes their own hospital as the referral source, fixed', async () => {
    globalThis.fetch = async () =>
      new Response(JSON.stringify({ items: [], total: 0, page: 1, pageSize: 500 }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const me = {
      user: {
        id: '00000000-0000-4000-8000-000000000009',
        username: 'ext',
        displayName: '县医院医生',
        role: 'external_doctor',
        title: null,
      },
      role: 'external_doctor',
      organization: { id: '00000000-0000-4000-8000-0000000000aa', name: '临安县人民医院', nameEn: null, kind: 'primary' },
      permissions: [],
      session: { idleTimeoutSeconds: 1800, expiresAt: '2026-12-31T00:00:00Z' },
    };
    const auth = { me } as unknown as Parameters<typeof AuthContext.Provider>[0]['value'];
    const router = createMemoryRouter([
      { path: '/', element: <PatientForm patient={null} onSaved={() => undefined} onCancel={() => undefined} /> },
    ]);
    render(
      <AntApp>
        <AuthContext.Provider value={auth}>
          <QueryClientProvider client={new QueryClient()}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </AuthContext.Provider>
      </AntApp>,
    );
    const source = await screen.findByTestId('field-source');
    await waitFor(() => expect(source.textContent).toContain('临安县人民医院'));
    expect(source.textContent).not.toContain('本院患者');
    expect(source.className).toContain('disabled');
  });
});
