import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type ArgumentStance, type Member } from '@linli/shared';
import { useChatStore } from './store';
import { StaffBadge } from '../home/StaffDirectory';
import { VoiceRecorder } from '../voice/VoiceRecorder';

interface Props {
  channelId: string;
  parentId?: string | null;
  members: Member[] | null;
  me: string;
  placeholder: string;
  inputTestId: string;
  sendTestId: string;
  /** Called after a message was queued (e.g. to scroll to the bottom). */
  onSent?: () => void;
  autoFocus?: boolean;
  /** In a deliberation topic's channel: the side the message argues (the deliberation page picks it). */
  stance?: ArgumentStance | null;
  /** Given: a voice button beside send (recordings are uploaded to this community). */
  communityId?: string;
}

const MAX = LIMITS.message.maxLength;
/** The counter appears this close to the limit. */
const COUNTER_FROM = MAX - 200;

/** The @query being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[^\p{L}\p{N}_])@([^\s@,，。.!！?？:：;；]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Multiline message input: Enter sends, Shift+Enter adds a line, @ suggests members. */
export function Composer({ channelId, parentId = null, members, me, placeholder, inputTestId, sendTestId, onSent, autoFocus, stance = null, communityId }: Props) {
  const { t } = useTranslation();
  const chat = useChatStore();
  const { drafts } = chat;
  const draftKey = `${channelId}:${parentId ?? ''}`;
  const [text, setText] = useState(() => drafts.get(draftKey) ?? '');
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();

  const query = mentionQuery(text, caret);
  const options = useMemo(() => {
    if (!query || !members) return [];
    const typed = query.query.toLowerCase();
    // The server only recognises names without spaces.
    const usable = members.filter((member) => member.userId !== me && !/\s/.test(member.displayName));
    const prefix = usable.filter((member) => member.displayName.toLowerCase().startsWith(typed));
    const inside = usable.filter((member) => !prefix.includes(member) && typed && member.displayName.toLowerCase().includes(typed));
    return [...prefix, ...inside].slice(0, 6);
  }, [query, members, me]);
  const showOptions = options.length > 0 && query !== null && dismissedAt !== query.start;
  const active = Math.min(picked, Math.max(options.length - 1, 0));

  // Grow with the text up to a few lines.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 200)}px`;
  }, [text]);

  function update(value: string, nextCaret: number) {
    setText(value);
    setCaret(nextCaret);
    setPicked(0);
    if (value) drafts.set(draftKey, value);
    else drafts.delete(draftKey);
  }

  function insertMention(name: string) {
    if (!query) return;
    const insert = `@${name} `;
    const value = text.slice(0, query.start) + insert + text.slice(caret);
    const pos = query.start + insert.length;
    update(value, pos);
    requestAnimationFrame(() => {
      const el = ref.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(pos, pos);
    });
  }

  function send() {
    const body = text.trim();
    if (!body || body.length > MAX) return;
    chat.sendMessage(channelId, body, parentId, stance);
    update('', 0);
    onSent?.();
    ref.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Chinese input methods use Enter to confirm a candidate: never send then.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (showOptions) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const count = options.length;
        setPicked((active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const option = options[active];
        if (option) {
          event.preventDefault();
          insertMention(option.displayName);
          return;
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(query?.start ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  }

  const length = text.length;
  const tooLong = length > MAX;

  return (
    <div className="composer">
      {showOptions && (
        <ul className="mention-list" id={listId} role="listbox" aria-label={t('chat.mentionHint')}>
          {options.map((member, index) => (
            <li key={member.userId} role="presentation">
              <button
                type="button"
                role="option"
                aria-selected={index === active}
                className="mention-option"
                data-testid="mention-option"
                data-user-id={member.userId}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insertMention(member.displayName)}
              >
                @{member.displayName}
                <StaffBadge userId={member.userId} posts={false} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <label className="visually-hidden" htmlFor={`${listId}-input`}>
          {t('chat.composerLabel')}
        </label>
        <textarea
          ref={ref}
          id={`${listId}-input`}
          data-testid={inputTestId}
          rows={1}
          value={text}
          placeholder={placeholder}
          maxLength={MAX}
          autoFocus={autoFocus}
          enterKeyHint="send"
          aria-autocomplete="list"
          aria-controls={showOptions ? listId : undefined}
          aria-invalid={tooLong || undefined}
          onChange={(e) => {
            update(e.target.value, e.target.selectionStart);
            if (e.target.value.trim()) chat.notifyTyping(channelId);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
        />
        {communityId && (
          <VoiceRecorder
            communityId={communityId}
            testId={parentId ? 'thread-voice-record' : 'voice-record'}
            onClip={(clip) => {
              // The recording goes alone; typed text stays in the box.
              chat.sendMessage(channelId, '', parentId, stance, { id: clip.id, durationMs: clip.durationMs });
              onSent?.();
            }}
          />
        )}
        <button type="button" className="primary send" data-testid={sendTestId} disabled={!text.trim() || tooLong} onClick={send}>
          {t('chat.send')}
        </button>
      </div>
      {length >= COUNTER_FROM && (
        <p className={`counter small ${tooLong ? 'error-text' : 'muted'}`} aria-live="polite">
          {tooLong ? t('chat.tooLong', { max: MAX }) : t('chat.counter', { count: length, max: MAX })}
        </p>
      )}
    </div>
  );
}
