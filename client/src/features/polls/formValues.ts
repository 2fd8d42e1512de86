/** The create / edit form of a poll as the inputs hold it (strings), and its checks before sending. */
import type { PollKind } from '@linli/shared';
import { fromLocalInput, toLocalInput } from '../issues/datetime';
import { newClientId } from '../../lib/clientId';

export type Eligibility = 'members' | 'verified' | 'household';
export const eligibilities: readonly Eligibility[] = ['members', 'verified', 'household'];
export type Threshold = 'majority' | 'two-thirds';

export interface OptionDraft {
  /** React key; an existing option's id when editing. */
  key: string;
  id: string | null;
  label: string;
  cost: string;
}

export interface PollFormValues {
  title: string;
  description: string;
  kind: PollKind;
  options: OptionDraft[];
  budget: string;
  min: string;
  max: string;
  threshold: Threshold;
  /** Percent, '' or '0' for none. */
  quorum: string;
  eligibility: Eligibility;
  sealed: boolean;
  secret: boolean;
  allowChange: boolean;
  opensNow: boolean;
  opensAt: string;
  closesAt: string;
  deliberationId: string;
  minDeliberationHours: string;
  issueIds: string[];
}

export const newOption = (label = '', cost = ''): OptionDraft => ({ key: newClientId(), id: null, label, cost });

export function emptyForm(now = Date.now()): PollFormValues {
  return {
    title: '',
    description: '',
    kind: 'single',
    options: [newOption(), newOption()],
    budget: '',
    min: '1',
    max: '',
    threshold: 'majority',
    quorum: '',
    eligibility: 'verified',
    sealed: true,
    secret: true,
    allowChange: true,
    opensNow: true,
    opensAt: toLocalInput(now + 3_600_000),
    closesAt: toLocalInput(now + 7 * 24 * 3_600_000),
    deliberationId: '',
    minDeliberationHours: '',
    issueIds: [],
  };
}

export type FormProblem = 'title' | 'options' | 'duplicate' | 'costs' | 'budget' | 'minMax' | 'closes' | 'quorum';

const wholeNumber = (value: string): number | null => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);

/** The first thing to fix before the form can be sent, or null. */
export function formProblem(values: PollFormValues, now = Date.now()): FormProblem | null {
  if (values.title.trim().length < 2) return 'title';
  if (values.kind !== 'yesno') {
    const labels = values.options.map((o) => o.label.trim());
    if (labels.length < 2 || labels.some((label) => label === '')) return 'options';
    if (new Set(labels).size !== labels.length) return 'duplicate';
    if (values.kind === 'budget') {
      if (values.options.some((o) => wholeNumber(o.cost) === null)) return 'costs';
      const budget = wholeNumber(values.budget);
      if (budget === null || budget <= 0) return 'budget';
    }
    if (values.kind === 'multiple') {
      const min = values.min.trim() === '' ? 1 : wholeNumber(values.min);
      const max = values.max.trim() === '' ? labels.length : wholeNumber(values.max);
      if (min === null || max === null || max < 1 || min > max || max > labels.length) return 'minMax';
    }
  }
  const quorum = values.quorum.trim() === '' ? 0 : Number(values.quorum);
  if (!Number.isFinite(quorum) || quorum < 0 || quorum > 100) return 'quorum';
  const closes = fromLocalInput(values.closesAt);
  const opens = values.opensNow ? new Date(now).toISOString() : fromLocalInput(values.opensAt);
  if (!closes || !opens || closes <= opens || Date.parse(closes) <= now) return 'closes';
  return null;
}

/** Whole number from an input ('' -> null). */
export const intOrNull = (value: string): number | null => wholeNumber(value);

export { fromLocalInput, toLocalInput };
