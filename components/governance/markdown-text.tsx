// Journey descriptions are Markdown; rendered without raw HTML, and links open away from the app.
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import css from "./governance.module.css";

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} rel="noopener noreferrer nofollow" target="_blank" />,
};

export function MarkdownText({ children }: { children: string }) {
  return (
    <div className={css.description}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
