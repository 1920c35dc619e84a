import { Grid } from '@mantine/core';
import { ImportedFields } from './ImportedFields.tsx';
import { LocalFieldsForm } from './LocalFieldsForm.tsx';
import type { ProfileCustomer } from './types.ts';

/** Master data: imported fields read-only on the left, local fields editable on the right. */
export function MasterDataTab({ customer }: { customer: ProfileCustomer }) {
  return (
    <Grid gap="md" align="stretch">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <ImportedFields customer={customer} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <LocalFieldsForm customer={customer} />
      </Grid.Col>
    </Grid>
  );
}
