import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../../../api/client.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { SettingsSection } from '../SettingsSection.tsx';

/**
 * A block of the letter settings that is one form named by its title: the settings' load error
 * (with a retry) above it, Enter saves.
 */
export function SettingsForm({
  title,
  description,
  error,
  onRetry,
  onSubmit,
  children,
}: {
  title: string;
  description: string;
  error: ApiError | null;
  onRetry: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <SettingsSection title={title} description={description}>
      {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
      <form
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="xs">{children}</Stack>
      </form>
    </SettingsSection>
  );
}
