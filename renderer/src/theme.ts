/**
 * The one theme of Incasso: calm, dense, professional. One accent colour (a deep petrol blue);
 * semantic colours carry meaning only: overdue red, due soon amber, ok green, paused grey-violet.
 * Light and dark come from the same tokens (Mantine derives the dark variants from the palettes).
 */
import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

const accent: MantineColorsTuple = [
  '#e8f3f8',
  '#d3e5ee',
  '#a5c9dd',
  '#74acca',
  '#4d93ba',
  '#3584b0',
  '#267cac',
  '#166a97',
  '#055e87',
  '#005177',
];

const paused: MantineColorsTuple = [
  '#f3f1f8',
  '#e4e0ec',
  '#c7bfd9',
  '#a89cc6',
  '#8e7fb6',
  '#7e6dac',
  '#7664a8',
  '#645493',
  '#594a84',
  '#4c3f75',
];

/** Semantic colour names used by components: never pick a raw colour for meaning elsewhere. */
export const semantic = {
  overdue: 'red',
  dueSoon: 'orange',
  ok: 'teal',
  paused: 'paused',
  accent: 'accent',
} as const;

export const theme = createTheme({
  primaryColor: 'accent',
  primaryShade: { light: 7, dark: 5 },
  colors: { accent, paused },
  defaultRadius: 'sm',
  fontFamily:
    'Inter, "Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", Arial, "Liberation Sans", system-ui, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "Cascadia Mono", Consolas, "Liberation Mono", monospace',
  headings: {
    fontFamily:
      'Inter, "Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", Arial, "Liberation Sans", system-ui, sans-serif',
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '1.375rem', lineHeight: '1.3' },
      h2: { fontSize: '1.125rem', lineHeight: '1.35' },
      h3: { fontSize: '1rem', lineHeight: '1.4' },
      h4: { fontSize: '0.875rem', lineHeight: '1.4' },
    },
  },
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  spacing: { xs: '0.5rem', sm: '0.75rem', md: '1rem', lg: '1.25rem', xl: '1.75rem' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', allowDeselect: false } },
    NumberInput: { defaultProps: { size: 'sm' } },
    SegmentedControl: { defaultProps: { size: 'sm' } },
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
    Paper: { defaultProps: { withBorder: true, radius: 'sm' } },
    Card: { defaultProps: { withBorder: true, radius: 'sm', padding: 'md' } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true, fz: 'xs' } },
    Badge: {
      defaultProps: { radius: 'sm', variant: 'light' },
      styles: { root: { textTransform: 'none', fontWeight: 600, letterSpacing: 0 } },
    },
    NavLink: { defaultProps: { variant: 'light' } },
    Modal: { defaultProps: { centered: true, radius: 'md' } },
    Notification: { defaultProps: { radius: 'sm' } },
  },
});

/** A few app tokens beside Mantine's, for the surfaces around the content. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--app-surface': t.white,
    '--app-canvas': '#f5f7f9',
    '--app-nav': '#fbfcfd',
    '--app-border': t.colors.gray[3],
    '--app-row-hover': accent[0],
  },
  dark: {
    '--app-surface': t.colors.dark[7],
    '--app-canvas': t.colors.dark[8],
    '--app-nav': t.colors.dark[7],
    '--app-border': t.colors.dark[4],
    '--app-row-hover': t.colors.dark[6],
  },
});
