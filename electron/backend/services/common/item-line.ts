/**
 * An open item as the customer's profile on the command line and the legal dossier list it: its
 * document, dates, amounts and whether an open dispute covers it (a boolean, whatever the query gave).
 */
interface ItemFields {
  documentType: string;
  documentNumber: string;
  documentDate: string | null;
  dueDate: string;
  amountCents: number;
  residualCents: number;
  disputed: boolean | number;
}

type ItemLine<T extends ItemFields> = Pick<
  T,
  'documentType' | 'documentNumber' | 'documentDate' | 'dueDate' | 'amountCents' | 'residualCents'
> & { disputed: boolean };

export function itemLine<T extends ItemFields>(i: T): ItemLine<T> {
  return {
    documentType: i.documentType,
    documentNumber: i.documentNumber,
    documentDate: i.documentDate,
    dueDate: i.dueDate,
    amountCents: i.amountCents,
    residualCents: i.residualCents,
    disputed: Boolean(i.disputed),
  };
}
