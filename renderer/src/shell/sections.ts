import {
  IconBuildingBank,
  IconChartBar,
  IconChecklist,
  IconFileImport,
  IconMail,
  IconRoute,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export interface Section {
  key: 'worklist' | 'customers' | 'imports' | 'bank' | 'letters' | 'policies' | 'reports' | 'settings';
  path: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Alt+<shortcut> opens the section. */
  shortcut: string;
}

/** The sidebar, in order. The worklist is home. */
export const SECTIONS: readonly Section[] = [
  { key: 'worklist', path: '/', icon: IconChecklist, shortcut: '1' },
  { key: 'customers', path: '/customers', icon: IconUsers, shortcut: '2' },
  { key: 'imports', path: '/imports', icon: IconFileImport, shortcut: '3' },
  { key: 'letters', path: '/letters', icon: IconMail, shortcut: '4' },
  { key: 'policies', path: '/policies', icon: IconRoute, shortcut: '5' },
  { key: 'reports', path: '/reports', icon: IconChartBar, shortcut: '6' },
  { key: 'settings', path: '/settings', icon: IconSettings, shortcut: '7' },
  { key: 'bank', path: '/bank', icon: IconBuildingBank, shortcut: '8' },
];
