import { MENTION_TOKEN } from '../util';

/** Body text with @mentions of real members highlighted. */
export function MessageBody({ text, names }: { text: string; names: ReadonlySet<string> }) {
  const parts = text.split(MENTION_TOKEN);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 && names.has(part.slice(1)) ? (
          <span key={index} className="mention">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
