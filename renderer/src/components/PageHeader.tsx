import { Group, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';

/**
 * A page just opened (from the sidebar, a shortcut, the palette, a row): its heading takes the
 * focus, so a screen reader says where the user is and Tab continues from the top of the page.
 * Not when the focus is already somewhere in the page (a search box focused on purpose).
 */
export function useFocusOnArrival(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const active = document.activeElement;
    const main = el.closest('main');
    if (active && active !== document.body && main?.contains(active)) return;
    if (active?.closest('[role="dialog"]')) return;
    el.focus({ preventScroll: true });
  }, [ref]);
}

/** The same header on every page: title, one line of context, actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnArrival(heading);
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" mb="md" gap="md">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Title order={1} ref={heading} tabIndex={-1} className="page-heading">
          {title}
        </Title>
        {description ? (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? (
        <Group gap="xs" wrap="nowrap">
          {actions}
        </Group>
      ) : null}
    </Group>
  );
}
