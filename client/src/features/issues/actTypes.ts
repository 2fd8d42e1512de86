import type { EventInput } from '@linli/shared';

/** An issue:act payload without the issue and the version it applies to (IssueActions adds them). */
export type ActBody = EventInput<'issue:act'> extends infer Payload ? (Payload extends unknown ? Omit<Payload, 'issueId' | 'version'> : never) : never;

/** What every action panel gets: send the action, or give up. */
export interface PanelProps {
  pending: boolean;
  onSend: (body: ActBody) => void;
  onCancel: () => void;
}
