/**
 * The worklist's "what's missing" list: every first-run step not yet done, each a link to its
 * step on the setup page. It stays until everything is done, then disappears by itself.
 */
import { Anchor, Button, Group, Paper, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SETUP_STEPS } from './setupModel.ts';
import { useMissingText } from './useMissingText.ts';
import { useSetupStatus } from './useSetupStatus.ts';

export function MissingSetup() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const missingText = useMissingText();
  const { steps } = useSetupStatus();
  if (!steps) return null;
  const open = steps.filter((s) => !s.done);
  if (open.length === 0) return null;
  const done = SETUP_STEPS.length - open.length;
  return (
    // A section, not an alert: it is a standing to-do list, not news to interrupt the user with.
    <Paper
      component="section"
      aria-label={t('setup.missingTitle')}
      data-testid="missing-setup"
      className="missing-setup"
      px="sm"
      py="xs"
      mb="sm"
    >
      <Group justify="space-between" wrap="nowrap" gap="sm" align="center">
        <IconListCheck size={20} className="missing-setup-icon" aria-hidden />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600}>
            {t('setup.missingTitle')}{' '}
            <Text span size="xs" c="dimmed" fw={400}>
              {t('setup.progress', { done, total: SETUP_STEPS.length })}
            </Text>
          </Text>
          <Group gap={6} mt={2} component="ul" className="missing-list">
            {open.map((s, i) => (
              <li key={s.key}>
                <Anchor
                  component={Link}
                  to={`/setup?step=${s.key}`}
                  size="sm"
                  data-testid={`missing-${s.key}`}
                >
                  {t(`setup.steps.${s.key}.title`)}
                </Anchor>
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({s.missing.map((m) => missingText(m)).join(', ')}){i < open.length - 1 ? ' ·' : ''}
                </Text>
              </li>
            ))}
          </Group>
        </div>
        <Button size="xs" onClick={() => navigate('/setup')} style={{ flexShrink: 0 }}>
          {t('setup.open')}
        </Button>
      </Group>
    </Paper>
  );
}
