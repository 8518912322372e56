/**
 * The first <option> of a select fed by a query: it says when the list is still loading, failed or is
 * empty (and what to do then), so a select never just looks empty.
 */
export function choiceLabel(
  q: { isPending: boolean; isError: boolean; data?: readonly unknown[] | undefined },
  choose: string,
  empty: string,
): string {
  if (q.isPending) return 'loading…';
  if (q.isError) return 'could not load the list: reload the page';
  if (!q.data || q.data.length === 0) return empty;
  return choose;
}
