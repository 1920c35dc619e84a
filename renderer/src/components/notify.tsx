/**
 * Notifications in the user's language. Errors show a translated title for the error code and
 * the server's message (never a stack trace).
 */
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { toApiError } from '../api/hooks.ts';

export function notifyError(t: TFunction, err: unknown, title?: string): void {
  const error = toApiError(err);
  notifications.show({
    color: 'red',
    icon: <IconAlertTriangle size={18} />,
    title: title ?? t(`errors.${error.code}`),
    message: error.message || t('errors.INTERNAL'),
    autoClose: 8000,
    withBorder: true,
  });
}

export function notifySuccess(
  title: string,
  message?: ReactNode,
  opts: { id?: string; autoClose?: number } = {},
): void {
  notifications.show({
    color: 'teal',
    icon: <IconCheck size={18} />,
    title,
    message: message ?? '',
    withBorder: true,
    ...(opts.id ? { id: opts.id } : {}),
    ...(opts.autoClose ? { autoClose: opts.autoClose } : {}),
  });
}

export function hideNotification(id: string): void {
  notifications.hide(id);
}

export function notifyInfo(title: string, message?: ReactNode): void {
  notifications.show({
    color: 'gray',
    icon: <IconInfoCircle size={18} />,
    title,
    message: message ?? '',
    withBorder: true,
  });
}
