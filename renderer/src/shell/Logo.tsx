/** The app mark: a ledger page with a tick, in the accent colour. */
export function Logo({ size = 26 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
      <path d="M9 10h14M9 15h9M9 20h6" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
      <path d="m18 21 2.6 2.6L25 18" stroke="#fff" strokeWidth="2.2" fill="none" strokeLinecap="round" />
    </svg>
  );
}
