/** A reported result's source: its text, with every http(s) address in it a link. */
export function SourceText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s;,)]+)/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} rel="nofollow noopener noreferrer" className="break-all underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
