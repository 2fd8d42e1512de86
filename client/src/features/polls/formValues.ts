/** The create / edit form of a poll as the inputs hold it (strings), and its checks before sending. */
import type { EventInput, Poll, PollKind } from '@linli/shared';
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


/** The form filled from a poll being edited. */
export function formFromPoll(poll: Poll): PollFormValues {
  return {
    title: poll.title,
    description: poll.description,
    kind: poll.kind,
    options: poll.options.map((option) => ({ key: option.id, id: option.id, label: option.label, cost: option.cost === null ? '' : String(option.cost) })),
    budget: poll.budget === null ? '' : String(poll.budget),
    min: poll.min === null ? '' : String(poll.min),
    max: poll.max === null ? '' : String(poll.max),
    threshold: poll.threshold ?? 'majority',
    quorum: poll.quorum === null ? '' : String(Math.round(poll.quorum * 1000) / 10),
    eligibility: poll.eligibility,
    sealed: poll.visibility === 'sealed',
    secret: poll.ballot === 'secret',
    allowChange: poll.allowChange,
    opensNow: false,
    opensAt: toLocalInput(Date.parse(poll.opensAt)),
    closesAt: toLocalInput(Date.parse(poll.closesAt)),
    deliberationId: poll.deliberationId ?? '',
    minDeliberationHours: poll.minDeliberationHours > 0 ? String(poll.minDeliberationHours) : '',
    issueIds: [...poll.issueIds],
  };
}

type Settings = Omit<EventInput<'poll:create'>, 'communityId' | 'clientId'>;

/** Every setting the form holds, as the wire spells it (a checked form: see formProblem). */
function settingsOf(values: PollFormValues): Settings {
  const kind = values.kind;
  const quorum = values.quorum.trim() === '' ? 0 : Number(values.quorum);
  const settings: Settings = {
    kind,
    title: values.title.trim(),
    description: values.description.trim(),
    options:
      kind === 'yesno'
        ? []
        : values.options.map((option) => ({
            ...(option.id ? { id: option.id } : {}),
            label: option.label.trim(),
            ...(kind === 'budget' ? { cost: wholeNumber(option.cost) ?? 0 } : {}),
          })),
    min: kind === 'multiple' ? wholeNumber(values.min) : null,
    max: kind === 'multiple' ? wholeNumber(values.max) : null,
    budget: kind === 'budget' ? wholeNumber(values.budget) : null,
    threshold: kind === 'yesno' ? values.threshold : null,
    quorum: quorum > 0 ? Math.round(quorum * 10) / 1000 : null,
    eligibility: values.eligibility,
    visibility: values.sealed ? 'sealed' : 'live',
    ballot: values.secret ? 'secret' : 'public',
    allowChange: values.allowChange,
    closesAt: fromLocalInput(values.closesAt) ?? '',
    deliberationId: values.deliberationId || null,
    minDeliberationHours: values.deliberationId ? (wholeNumber(values.minDeliberationHours) ?? 0) : 0,
    issueIds: values.issueIds,
  };
  if (!values.opensNow) settings.opensAt = fromLocalInput(values.opensAt) ?? undefined;
  return settings;
}

export function createPayload(values: PollFormValues, communityId: string, clientId: string): EventInput<'poll:create'> {
  return { communityId, clientId, ...settingsOf(values) };
}

/** Only what changed: a frozen poll accepts just the description and a later closing time. */
export function updatePayload(values: PollFormValues, poll: Poll): EventInput<'poll:update'> {
  const next = settingsOf(values);
  const before = settingsOf(formFromPoll(poll));
  const payload: EventInput<'poll:update'> = { pollId: poll.id, version: poll.version };
  const changed = (key: keyof Settings) => JSON.stringify(next[key]) !== JSON.stringify(before[key]);
  const target = payload as Record<string, unknown>;
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (key === 'kind' || (key === 'opensAt' && poll.state !== 'scheduled')) continue; // the kind never changes after creation
    if (changed(key)) target[key] = next[key];
  }
  return payload;
}
