/**
 * The room of the rows a virtual table does not draw (above or below the visible window): one
 * hidden row that keeps the native table's layout and semantics. Nothing when there is no room.
 */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden className="vt-spacer" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}
