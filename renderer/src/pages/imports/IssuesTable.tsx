import { ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';

export interface Issue {
  row?: number;
  column?: string;
  value?: string;
  message: string;
}

const SHOWN = 500;

/** Problems in a file, where they are (row as the spreadsheet shows it, column) and why. */
export function IssuesTable({
  issues,
  label,
  tone,
}: {
  issues: Issue[];
  label: string;
  tone: 'error' | 'warning';
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const shown = issues.slice(0, SHOWN);
  return (
    <>
      <ScrollArea.Autosize mah={320} type="auto">
        <Table aria-label={label} stickyHeader striped highlightOnHover className="issues" data-tone={tone}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80} ta="right">
                {t('imports.issue.row')}
              </Table.Th>
              <Table.Th w={180}>{t('imports.issue.column')}</Table.Th>
              <Table.Th w={200}>{t('imports.issue.value')}</Table.Th>
              <Table.Th>{t('imports.issue.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((issue, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity; the list never reorders.
              <Table.Tr key={i}>
                <Table.Td ta="right" className="num">
                  {issue.row !== undefined ? f.number(issue.row) : '—'}
                </Table.Td>
                <Table.Td>{issue.column ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" truncate="end" title={issue.value} maw={200}>
                    {issue.value ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {issues.length > SHOWN ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('imports.moreIssues', { shown: f.number(SHOWN), total: f.number(issues.length) })}
        </Text>
      ) : null}
    </>
  );
}
