/**
 * The backend's coded warnings (shared/api/notices.ts) in the user's language: `notices.<code>`
 * with the notice's params; a code this build does not know shows the backend's English message.
 */
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../shared/api/notices.ts';

export function useNoticeText(): (notice: Notice) => string {
  const { i18n } = useTranslation();
  return (notice: Notice) => {
    const key = `notices.${notice.code}`;
    if (!i18n.exists(key)) return notice.message;
    const params: Record<string, string> = { ...notice.params };
    // Template parts (subject, body…) are named as the template editor names them.
    const partKey = `letterSettings.templates.parts.${notice.params.part ?? ''}`;
    if (notice.params.part && i18n.exists(partKey)) params.part = String(i18n.t(partKey as never));
    return String(i18n.t(key as never, params));
  };
}
