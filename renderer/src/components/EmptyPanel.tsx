import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** An empty state that teaches: what this place holds, what to do now, and the button to do it. */
export function EmptyPanel({
  icon,
  title,
  description,
  actions,
  children,
  bordered = true,
  headingOrder = 2,
}: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  bordered?: boolean;
  headingOrder?: 2 | 3;
}) {
  const body = (
    <EmptyState icon={icon} variant="light" size="md" py="xl" px="md">
      <EmptyState.Title order={headingOrder}>{title}</EmptyState.Title>
      <EmptyState.Description maw={560}>{description}</EmptyState.Description>
      {children}
      {actions ? <EmptyState.Actions mt="xs">{actions}</EmptyState.Actions> : null}
    </EmptyState>
  );
  return bordered ? (
    <Paper p="lg" className="empty-panel">
      {body}
    </Paper>
  ) : (
    body
  );
}
