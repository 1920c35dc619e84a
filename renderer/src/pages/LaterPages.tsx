/**
 * Letters, Policies and Reports arrive with later issues. Until then each page says what it will
 * hold and what to do now, with the button to do it. No made-up data.
 */
import { Button, List, Text, ThemeIcon } from '@mantine/core';
import { IconChartBar, IconCheck, IconChecklist, IconMail, IconRoute, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyPanel } from '../components/EmptyPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

function LaterPage({
  section,
  icon,
  points,
  action,
}: {
  section: 'letters' | 'policies' | 'reports';
  icon: ReactNode;
  points: string[];
  action: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t(`nav.${section}`)} description={t(`${section}.subtitle`)} />
      <EmptyPanel
        icon={icon}
        title={t(`${section}.emptyTitle`)}
        description={t(`${section}.emptyText`)}
        actions={action}
      >
        <List
          spacing={4}
          size="sm"
          mt="xs"
          ta="left"
          icon={
            <ThemeIcon size={18} radius="xl" variant="light" color="gray">
              <IconCheck size={12} />
            </ThemeIcon>
          }
        >
          {points.map((p) => (
            <List.Item key={p}>
              <Text size="sm" c="dimmed" span>
                {p}
              </Text>
            </List.Item>
          ))}
        </List>
      </EmptyPanel>
    </div>
  );
}

export function LettersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <LaterPage
      section="letters"
      icon={<IconMail size={26} stroke={1.5} />}
      points={[t('letters.point1'), t('letters.point2'), t('letters.point3')]}
      action={
        <Button
          variant="default"
          leftSection={<IconUsers size={16} />}
          onClick={() => navigate('/customers')}
        >
          {t('worklist.customersAction')}
        </Button>
      }
    />
  );
}

export function PoliciesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <LaterPage
      section="policies"
      icon={<IconRoute size={26} stroke={1.5} />}
      points={[t('policies.point1'), t('policies.point2'), t('policies.point3')]}
      action={
        <Button
          variant="default"
          leftSection={<IconUsers size={16} />}
          onClick={() => navigate('/customers')}
        >
          {t('worklist.customersAction')}
        </Button>
      }
    />
  );
}

export function ReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <LaterPage
      section="reports"
      icon={<IconChartBar size={26} stroke={1.5} />}
      points={[t('reports.point1'), t('reports.point2'), t('reports.point3')]}
      action={
        <Button variant="default" leftSection={<IconChecklist size={16} />} onClick={() => navigate('/')}>
          {t('reports.action')}
        </Button>
      }
    />
  );
}
