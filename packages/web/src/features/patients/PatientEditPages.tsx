import { App, Card, Skeleton } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import type { Patient } from '../../app/types';
import { patientsApi } from './api';
import { PatientForm } from './PatientForm';

export function NewPatientPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const saved = (p: Patient) => {
    void queryClient.invalidateQueries({ queryKey: ['patients'] });
    void message.success(t('patient.created', { name: p.name }));
    void navigate(`/patients/${p.id}`);
  };
  return (
    <>
      <PageHeader title={t('patient.new')} crumbs={[{ label: t('nav.patients'), to: '/patients' }, { label: t('patient.new') }]} />
      <Card>
        <PatientForm patient={null} onSaved={saved} onCancel={() => void navigate('/patients')} />
      </Card>
    </>
  );
}

export function EditPatientPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { data, error, isLoading } = useQuery({ queryKey: ['patients', 'one', id], queryFn: ({ signal }) => patientsApi.get(id, signal) });
  const saved = (p: Patient) => {
    queryClient.setQueryData(['patients', 'one', id], p);
    void queryClient.invalidateQueries({ queryKey: ['patients', 'list'] });
    void message.success(t('common.saved'));
    void navigate(`/patients/${p.id}`);
  };
  return (
    <>
      <PageHeader
        title={data ? t('patient.editTitle', { name: data.name }) : t('patient.edit')}
        crumbs={[
          { label: t('nav.patients'), to: '/patients' },
          ...(data ? [{ label: data.name, to: `/patients/${id}` }] : []),
          { label: t('patient.edit') },
        ]}
      />
      <ErrorAlert error={error} />
      <Card>
        {isLoading ? (
          <Skeleton active />
        ) : data ? (
          <PatientForm patient={data} onSaved={saved} onCancel={() => void navigate(`/patients/${id}`)} />
        ) : null}
      </Card>
    </>
  );
}
