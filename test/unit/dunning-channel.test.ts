import { describe, expect, it } from 'vitest';
import type { NewTask } from '../../shared/domain/dunning/case.ts';
import { deliverable, hasPostalAddress } from '../../shared/domain/dunning/channel.ts';

const step = (type: NewTask['type']): NewTask => ({
  stepIndex: 1,
  stepName: 'Secondo sollecito',
  type,
  template: 'reminder2',
});
const all = { email: true, pec: true, postal: true };

describe('channel fallback', () => {
  it('keeps the channel the customer can be reached on', () => {
    for (const type of ['email', 'pec', 'letter', 'phone'] as const)
      expect(deliverable(step(type), all)).toEqual({ task: step(type), fallback: null });
  });

  it('sends an e-mail step as a letter when there is no e-mail address', () => {
    const d = deliverable(step('email'), { ...all, email: false });
    expect(d.fallback).toBe('email_to_letter');
    expect(d.task).toMatchObject({ type: 'letter', template: 'reminder2', stepIndex: 1 });
  });

  it('sends a PEC step as a registered letter when there is no PEC address', () => {
    const d = deliverable(step('pec'), { ...all, pec: false });
    expect(d.fallback).toBe('pec_to_registered_letter');
    expect(d.task).toMatchObject({ type: 'letter', stepName: 'Secondo sollecito (raccomandata A/R)' });
  });

  it('asks the collector for the address when a letter cannot be posted', () => {
    expect(deliverable(step('letter'), { ...all, postal: false }).task.type).toBe('address');
    // An e-mail with neither address nor e-mail ends up waiting for the address too.
    const d = deliverable(step('email'), { email: false, pec: false, postal: false });
    expect(d).toMatchObject({
      fallback: 'missing_address',
      task: { type: 'address', template: 'reminder2' },
    });
  });

  it('recognises a postal address from its parts or its block', () => {
    expect(hasPostalAddress({ address: null, street: 'Via Roma 1', city: 'Milano' })).toBe(true);
    expect(hasPostalAddress({ address: 'Via Roma 1\n20121 Milano', street: null, city: null })).toBe(true);
    expect(hasPostalAddress({ address: 'Via Roma 1, 20121 Milano (MI)', street: null, city: null })).toBe(
      true,
    );
    expect(hasPostalAddress({ address: 'Milano', street: null, city: null })).toBe(false);
    expect(hasPostalAddress({ address: null, street: 'Via Roma 1', city: null })).toBe(false);
    expect(hasPostalAddress({ address: '  ', street: null, city: null })).toBe(false);
  });
});
