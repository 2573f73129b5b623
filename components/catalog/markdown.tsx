// Markdown for descriptions, rendered safely: no raw HTML (no rehype-raw), and react-markdown's
// default URL transform, which drops javascript: and other unsafe link targets.
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import css from "./catalog.module.css";

const components: Components = {
  // Links in descriptions point elsewhere; they must not hand this page to the target.
  a: ({ node: _node, ...props }) => <a {...props} rel="noopener noreferrer nofollow" target="_blank" />,
  // An image whose URL the transform dropped (e.g. javascript:) would render as a broken <img src="">.
  img: ({ node: _node, src, alt }) => (typeof src === "string" && src ? <img src={src} alt={alt ?? ""} loading="lazy" /> : <span>{alt}</span>),
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className={css.markdown}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
