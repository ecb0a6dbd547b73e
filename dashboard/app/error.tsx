'use client';

import { useEffect, useRef, useState } from 'react';

/** Shown when a page fails to render. Labels in both languages: this runs without the server's dictionary. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [zh, setZh] = useState(true);
  useEffect(() => {
    setZh(document.documentElement.lang.startsWith('zh'));
    heading.current?.focus();
    console.error(error);
  }, [error]);
  return (
    <div className="stack" role="alert">
      <h1 ref={heading} tabIndex={-1}>
        {zh ? '页面出错了' : 'This page could not be shown'}
      </h1>
      <p>{zh ? '加载此页面时出现问题。你可以重试，或稍后再来。' : 'Something went wrong while loading this page. You can try again, or come back later.'}</p>
      {error.digest ? <p className="muted mono">{error.digest}</p> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => reset()}>
          {zh ? '重试' : 'Try again'}
        </button>
        <a href="/" className="button button-ghost">
          {zh ? '返回首页' : 'Back to the home page'}
        </a>
      </div>
    </div>
  );
}
