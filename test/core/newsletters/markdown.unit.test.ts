import { describe, expect, it } from 'vitest';
import { markdownToHtml, markdownToText, safeUrl, urlsIn } from '../../../functions/core/newsletters/markdown.js';

describe('an issue\'s Markdown', async () => {
  it('renders the usual Markdown with the lessons\' inline styles', async () => {
    const html = await markdownToHtml('# Title\n\nSome *soft* and **strong** words.\n\n- one\n- two\n\n1. first\n\n> a quote\n\n---');
    expect(html).toMatch(/<h1 style="[^"]+">Title<\/h1>/);
    expect(html).toContain('<em>soft</em>');
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toMatch(/<ul style="[^"]+">\n<li>one<\/li>/);
    expect(html).toMatch(/<ol style="[^"]+">/);
    expect(html).toMatch(/<blockquote style="[^"]+">/);
    expect(html).toMatch(/<hr style="[^"]+">/);
  });

  it('shows raw HTML as the characters typed, block or inline', async () => {
    const html = await markdownToHtml('<script>alert(1)</script>\n\nHi <b onclick="x()">there</b> & <img src=x onerror=alert(1)>\n\n<div style="x">block</div>');
    expect(html).not.toMatch(/<script|<b |<img src=x|<div style/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b onclick=&quot;x()&quot;&gt;there&lt;/b&gt; &amp;');
  });

  it('keeps only links a reader can follow and images by http(s) URL', async () => {
    const html = await markdownToHtml('[ok](https://example.test/?a=1&b=2) [mail](mailto:me@example.test) [bad](javascript:alert(1)) [data](data:text/html,x)\n\n![a photo](https://img.example.test/p.png "caption") ![local](file:///etc/passwd)');
    expect(html).toContain('<a href="https://example.test/?a=1&amp;b=2"');
    expect(html).toContain('href="mailto:me@example.test"');
    expect(html).not.toMatch(/javascript:|data:text|file:/);
    expect(html).toContain('bad');
    expect(html).toMatch(/<img src="https:\/\/img.example.test\/p.png" alt="a photo" style="max-width:100%[^"]*" title="caption">/);
    expect(urlsIn(html)).toEqual(['https://example.test/?a=1&b=2', 'mailto:me@example.test', 'https://img.example.test/p.png']);
    expect(safeUrl(' HTTPS://X.test ', 'image')).toBe('HTTPS://X.test');
  });

  it('escapes code, and leaves template and placeholder syntax as plain text', async () => {
    const html = await markdownToHtml('Use `<br>` here.\n\n```\n<b>&</b>\n```\n\n{{h.FIRSTNAME}} @@MEND_FIRSTNAME@@ {{{raw}}}');
    expect(html).toContain('<code style="font-family:Menlo,Consolas,monospace;font-size:15px;background:#f4eff8;padding:1px 4px;border-radius:4px">&lt;br&gt;</code>');
    expect(html).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).toContain('{{h.FIRSTNAME}} @@MEND_FIRSTNAME@@ {{{raw}}}');
  });

  it('has a plain-text twin: what was written, each link with its address, no markup', async () => {
    const text = await markdownToText('# Title\n\nSome **strong** [words](https://example.test/w) and <b>tags</b> & more.\n\n- one\n- two\n\n> quoted\n\n[bad](javascript:x) ![pic](https://i.test/p.png)');
    expect(text).toBe('Title\n\nSome strong words (https://example.test/w) and <b>tags</b> & more.\n\n- one\n- two\n\n> quoted\n\nbad [pic]');
  });

  it('copes with empty lines, Windows line ends and very long text', async () => {
    expect(await markdownToHtml('a\r\n\r\nb')).toBe(await markdownToHtml('a\n\nb'));
    const long = await markdownToHtml('word '.repeat(50_000));
    expect(long.length).toBeGreaterThan(250_000);
  });
});
