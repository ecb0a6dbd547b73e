import type { Page } from 'playwright-core';

/**
 * What the screenshot run checks on every page besides taking the picture, so that a person
 * looking through a hundred images is pointed at the likely faults:
 * - sideways overflow (the page is wider than the window; phones scroll sideways) and which
 *   elements stick out, ignoring those inside a deliberately scrolling box (.table-wrap);
 * - leaked translation keys or enum values (snake_case words, "undefined", "NaN") in visible text;
 * - money shown with ¥ but not with exactly two decimals;
 * - Chinese labels on an English page (user content such as titles and names excepted);
 * - duplicate element ids (a label or aria-labelledby then points at the wrong element).
 *
 * Plain JavaScript in a string: tsx would wrap named functions in a helper the page lacks.
 */
const CHECK = `(lang) => {
  const problems = [];
  const width = window.innerWidth;
  function scrollsSideways(el) {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const x = getComputedStyle(e).overflowX;
      if ((x === 'auto' || x === 'scroll' || x === 'hidden') && e.scrollWidth > e.clientWidth - 1) return true;
    }
    return false;
  }
  function describe(el) {
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls;
  }
  if (document.documentElement.scrollWidth > width + 1) {
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrollsSideways(el.parentElement))
      .slice(0, 4)
      .map((el) => describe(el) + ' (right ' + Math.round(el.getBoundingClientRect().right) + 'px)');
    problems.push('page is ' + document.documentElement.scrollWidth + 'px wide in a ' + width + 'px window: ' + culprits.join(', '));
  }
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push('duplicate id "' + id + '"');
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  // Identifiers the page shows on purpose: anything it also sets in .mono (model feature names
  // in a chart axis and its table), and ids with the platform's prefixes (rs_policy_v1).
  const monoText = [...document.querySelectorAll('.mono, code')].map((el) => el.textContent || '').join(' ');
  const isIdentifier = (word) => /^(rs|mdl|lst|app|usr|aim|ctr|dsc|ses|loan)_/.test(word) || monoText.includes(word);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.mono, code, pre, script, style, textarea, .visually-hidden, [aria-hidden="true"]')) continue;
    const text = node.textContent || '';
    const leaked = (/\\b[a-z]+(?:_[a-z0-9]+)+\\b|\\bundefined\\b|\\bNaN\\b|\\[object Object\\]/.exec(text) || [])[0];
    if (leaked && !seen.has(leaked) && !isIdentifier(leaked)) {
      seen.add(leaked);
      problems.push('raw key or value on the page: "' + leaked + '" in ' + describe(parent));
    }
    // Chart axes round to whole yuan on purpose; everything else shows fen.
    for (const money of parent.closest('svg') ? [] : text.match(/¥\\s?-?[\\d,]+(?:\\.\\d+)?/g) || []) {
      if (!/\\.\\d{2}$/.test(money) && !seen.has(money)) {
        seen.add(money);
        problems.push('money without two decimals: "' + money + '" in ' + describe(parent));
      }
    }
    if (lang === 'en-US' && /[\\u4e00-\\u9fff]/.test(text) && !parent.closest('h1, h2, h3, a, dd, td, li') && !seen.has(text)) {
      seen.add(text);
      problems.push('Chinese on the English page: "' + text.trim().slice(0, 40) + '" in ' + describe(parent));
    }
  }
  return problems;
}`;

export async function pageProblems(page: Page, locale: 'zh-CN' | 'en-US'): Promise<string[]> {
  return page.evaluate(`(${CHECK})(${JSON.stringify(locale)})`) as Promise<string[]>;
}
