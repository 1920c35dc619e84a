/**
 * The one theme of Incasso: calm, dense, professional. One accent colour (a deep petrol blue);
 * semantic colours carry meaning only: overdue red, due soon amber, ok green, paused grey-violet.
 * Light and dark come from the same tokens (Mantine derives the dark variants from the palettes).
 */
import {
  type CSSVariablesResolver,
  createTheme,
  type MantineColorsTuple,
  type MantineThemeOverride,
  mergeThemeOverrides,
} from '@mantine/core';
import type { AgingBucket } from '../../shared/domain/aging.ts';

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

/** The bar colour of each aging bucket: not due is fine (green); overdue red, darker as it ages. */
export const AGING_COLOR: Record<AgingBucket, string> = {
  notDue: 'var(--mantine-color-teal-5)',
  d1_30: 'var(--mantine-color-red-3)',
  d31_60: 'var(--mantine-color-red-4)',
  d61_90: 'var(--mantine-color-red-6)',
  d91_180: 'var(--mantine-color-red-7)',
  d181_plus: 'var(--mantine-color-red-9)',
};

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

/**
 * The theme with the labels that depend on the language: every modal's and drawer's close button
 * is named ("Chiudi"), and a dialog's header is not announced as a second banner landmark.
 */
export function themeWithLabels(labels: { close: string }): MantineThemeOverride {
  const closeButtonProps = { 'aria-label': labels.close };
  const attributes = { header: { role: 'none' } };
  return mergeThemeOverrides(theme, {
    components: {
      Modal: { defaultProps: { closeButtonProps, attributes } },
      Drawer: { defaultProps: { closeButtonProps, attributes } },
    },
  });
}

/**
 * Text colours that keep WCAG 2.1 AA contrast (4.5:1) on every background they sit on: white,
 * the canvas, striped, hovered and selected rows, the yellow notice. Mantine's defaults (grey 6
 * for secondary text, shade 7 reds and greens as text, white on shade 5 in the dark theme) are
 * 2.6–4.1:1 there. The hues stay the same: red is still overdue, amber due soon, green ok.
 */
const contrast = {
  light: {
    dimmed: '#5c636a',
    red: '#c92a2a',
    redHover: '#a51f1f',
    orange: '#a84300',
    orangeHover: '#8a3700',
    teal: '#0a6b4f',
    tealHover: '#085840',
    green: '#237032',
    greenHover: '#1b5a27',
    yellowText: '#7a5000',
  },
  dark: {
    dimmed: '#adadad',
    anchor: accent[3],
    red: '#c92a2a',
    redHover: '#a51f1f',
  },
} as const;

/** A few app tokens beside Mantine's, for the surfaces around the content. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--app-surface': t.white,
    '--app-canvas': '#f5f7f9',
    '--app-nav': '#fbfcfd',
    '--app-border': t.colors.gray[3],
    '--app-row-hover': '#f1f7fa',
    '--mantine-color-dimmed': contrast.light.dimmed,
    // The selected row and light accent surfaces: one step lighter, so red and grey text keep 4.5:1.
    '--mantine-primary-color-light': accent[0],
    '--mantine-primary-color-light-hover': '#dfeef5',
    '--mantine-color-accent-light': accent[0],
    '--mantine-color-accent-light-hover': '#dfeef5',
    '--mantine-color-red-text': contrast.light.red,
    '--mantine-color-red-filled': contrast.light.red,
    '--mantine-color-red-filled-hover': contrast.light.redHover,
    '--mantine-color-red-light-color': contrast.light.red,
    '--mantine-color-error': contrast.light.red,
    '--mantine-color-orange-text': contrast.light.orange,
    '--mantine-color-orange-filled': contrast.light.orange,
    '--mantine-color-orange-filled-hover': contrast.light.orangeHover,
    '--mantine-color-orange-light-color': contrast.light.orange,
    '--mantine-color-teal-text': contrast.light.teal,
    '--mantine-color-teal-filled': contrast.light.teal,
    '--mantine-color-teal-filled-hover': contrast.light.tealHover,
    '--mantine-color-teal-light-color': contrast.light.teal,
    '--mantine-color-green-text': contrast.light.green,
    '--mantine-color-green-filled': contrast.light.green,
    '--mantine-color-green-filled-hover': contrast.light.greenHover,
    '--mantine-color-green-light-color': contrast.light.green,
    '--mantine-color-yellow-text': contrast.light.yellowText,
    '--mantine-color-yellow-light-color': contrast.light.yellowText,
  },
  dark: {
    '--app-surface': t.colors.dark[7],
    '--app-canvas': t.colors.dark[8],
    '--app-nav': t.colors.dark[7],
    '--app-border': t.colors.dark[4],
    '--app-row-hover': t.colors.dark[6],
    '--mantine-color-dimmed': contrast.dark.dimmed,
    '--mantine-color-anchor': contrast.dark.anchor,
    // White on filled buttons and badges (accent, red, orange, teal, green): the darker shades
    // (2.2–4.1:1 before).
    '--mantine-primary-color-filled': accent[7],
    '--mantine-primary-color-filled-hover': accent[8],
    '--mantine-color-accent-filled': accent[7],
    '--mantine-color-accent-filled-hover': accent[8],
    '--mantine-color-red-filled': contrast.dark.red,
    '--mantine-color-red-filled-hover': contrast.dark.redHover,
    '--mantine-color-orange-filled': contrast.light.orange,
    '--mantine-color-orange-filled-hover': contrast.light.orangeHover,
    '--mantine-color-teal-filled': contrast.light.teal,
    '--mantine-color-teal-filled-hover': contrast.light.tealHover,
    '--mantine-color-green-filled': contrast.light.green,
    '--mantine-color-green-filled-hover': contrast.light.greenHover,
    // The yellow notices: a faint tint (Mantine's dark brown left links and grey text at 2.3–3.6:1).
    '--mantine-color-yellow-light': 'rgba(250, 176, 5, 0.12)',
  },
});
