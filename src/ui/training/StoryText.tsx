/** A story step's text: the Markdown subset as elements, every string a text node (never HTML). */
import { type Inline, parseStoryMarkdown } from '../../training/storyMarkdown';

/** Keys from the position in the text, which never reorders. */
const keyed = <T,>(xs: readonly T[], prefix: string) => xs.map((x, n) => ({ x, key: `${prefix}${n}` }));

function Inlines({ items }: { items: readonly Inline[] }) {
  return (
    <>
      {keyed(items, 'i').map(({ x, key }) =>
        x.kind === 'em' ? (
          <em key={key}>{x.text}</em>
        ) : x.kind === 'strong' ? (
          <strong key={key}>{x.text}</strong>
        ) : x.kind === 'code' ? (
          <code key={key} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] dark:bg-slate-800">
            {x.text}
          </code>
        ) : (
          <span key={key}>{x.text}</span>
        ),
      )}
    </>
  );
}

export function StoryText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`space-y-2 ${className ?? ''}`} data-testid="story-text">
      {keyed(parseStoryMarkdown(text), 'b').map(({ x: b, key }) =>
        b.kind === 'p' ? (
          <p key={key}>
            <Inlines items={b.inline} />
          </p>
        ) : b.kind === 'pre' ? (
          <pre
            key={key}
            className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-[0.8em] dark:bg-slate-800"
          >
            <code>{b.text}</code>
          </pre>
        ) : b.kind === 'ul' ? (
          <ul key={key} className="list-disc pl-6">
            {keyed(b.items, 'l').map(({ x: it, key: k }) => (
              <li key={k}>
                <Inlines items={it} />
              </li>
            ))}
          </ul>
        ) : (
          <ol key={key} className="list-decimal pl-6">
            {keyed(b.items, 'l').map(({ x: it, key: k }) => (
              <li key={k}>
                <Inlines items={it} />
              </li>
            ))}
          </ol>
        ),
      )}
    </div>
  );
}
