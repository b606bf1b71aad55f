// The reader page: the newest published article (or ?slug= / #slug), the contact header, reading controls,
// and the latest articles with search and paging, all from the public API.
import * as api from './api.js';
import { renderArticle, renderContact, renderList } from './render.js';
import * as preferences from './preferences.js';

const $ = (id) => document.getElementById(id);

const parts = {
  status: $('article-status'),
  article: $('article'),
  headline: $('headline'),
  meta: $('meta'),
  feature: $('feature'),
  lead: $('lead'),
  body: $('body'),
  byline: $('byline'),
  bylineCredits: $('byline-credits'),
  bylineSource: $('byline-source'),
};

const list = {
  status: $('list-status'),
  items: $('article-list'),
  pager: $('pager'),
  prev: $('page-prev'),
  next: $('page-next'),
  position: $('page-position'),
  searchForm: $('search'),
  searchInput: $('search-input'),
  page: null,
};

let currentSlug = null;

function wantedSlug() {
  const fromQuery = new URLSearchParams(location.search).get('slug');
  const fromHash = decodeURIComponent(location.hash.slice(1));
  return fromQuery || fromHash || null;
}

function wantedQuery() {
  return new URLSearchParams(location.search).get('q') ?? '';
}

function urlWith(changes) {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(changes)) {
    if (value) {
      url.searchParams.set(name, value);
    } else {
      url.searchParams.delete(name);
    }
  }
  if ('slug' in changes) {
    url.hash = '';
  }
  return url;
}

// Reading controls -------------------------------------------------------------------------------------------

const readingStatus = $('reading-status');
const fontButtons = { smaller: $('font-smaller'), reset: $('font-reset'), larger: $('font-larger') };
const contrastButtons = { high: $('contrast-high'), normal: $('contrast-normal') };

function showFontStep(step, announce) {
  fontButtons.smaller.disabled = step <= preferences.MIN_FONT_STEP;
  fontButtons.larger.disabled = step >= preferences.MAX_FONT_STEP;
  if (announce) {
    readingStatus.textContent = `Cỡ chữ ${preferences.fontPercent(step)}%`;
  }
}

function showContrast(high, announce) {
  contrastButtons.high.setAttribute('aria-pressed', String(high));
  contrastButtons.normal.setAttribute('aria-pressed', String(!high));
  if (announce) {
    readingStatus.textContent = high ? 'Đã tăng tương phản' : 'Đã giảm tương phản';
  }
}

function setUpReadingControls() {
  let step = preferences.fontStep();
  showFontStep(step, false);
  showContrast(preferences.highContrast(), false);
  for (const button of Object.values(fontButtons)) {
    button.addEventListener('click', () => {
      const change = Number(button.dataset.fontStep);
      step = preferences.setFontStep(change === 0 ? 0 : step + change);
      showFontStep(step, true);
    });
  }
  for (const button of Object.values(contrastButtons)) {
    button.addEventListener('click', () => {
      const high = button.dataset.contrast === 'high';
      preferences.setHighContrast(high);
      showContrast(high, true);
    });
  }
}

// The article --------------------------------------------------------------------------------------------------

function showArticleMessage(message) {
  parts.status.textContent = message;
  parts.status.hidden = false;
  parts.article.hidden = true;
  parts.article.setAttribute('aria-busy', 'false');
}

async function loadArticle({ focus = false } = {}) {
  parts.article.setAttribute('aria-busy', 'true');
  try {
    let slug = wantedSlug();
    if (!slug) {
      const newest = await api.articles({ pageSize: 1 });
      if (newest.items.length === 0) {
        showArticleMessage('Chưa có bài viết nào được đăng.');
        return;
      }
      slug = newest.items[0].slug;
    }
    const article = await api.article(slug);
    currentSlug = article.slug;
    if (wantedSlug() && wantedSlug() !== article.slug) {
      // An old slug (answered 308 by the API): show the current one in the address bar.
      history.replaceState(null, '', urlWith({ slug: article.slug }));
    }
    renderArticle(parts, article);
    parts.status.hidden = true;
    parts.article.hidden = false;
    parts.article.setAttribute('aria-busy', 'false');
    markCurrentInList();
    if (focus) {
      parts.headline.setAttribute('tabindex', '-1');
      parts.headline.focus();
    }
  } catch (error) {
    showArticleMessage(error instanceof api.ApiError && error.status === 404
      ? 'Không tìm thấy bài viết này. Mời bạn chọn một bài trong danh sách.'
      : 'Không tải được bài viết. Vui lòng thử lại sau.');
  }
}

// The list -----------------------------------------------------------------------------------------------------

function markCurrentInList() {
  for (const link of list.items.querySelectorAll('a.article-link')) {
    const current = link.closest('li')?.dataset.slug === currentSlug;
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

function showPage(page, q) {
  list.page = page;
  renderList(list.items, page.items, currentSlug);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (page.total === 0) {
    list.status.textContent = q ? `Không có bài nào khớp với “${q}”.` : 'Chưa có bài viết nào.';
  } else {
    list.status.textContent = q ? `${page.total} bài khớp với “${q}”` : `${page.total} bài viết`;
  }
  list.position.textContent = `Trang ${page.page}/${pages}`;
  list.prev.disabled = !page.links.prev;
  list.next.disabled = !page.links.next;
  list.pager.hidden = pages <= 1;
}

async function loadList({ link = null } = {}) {
  const q = wantedQuery();
  list.searchInput.value = q;
  list.items.setAttribute('aria-busy', 'true');
  try {
    showPage(await api.articles({ q, link }), q);
  } catch (error) {
    list.items.replaceChildren();
    list.pager.hidden = true;
    list.status.textContent = error instanceof api.ApiError && error.status === 400
      ? (Object.values(error.problem?.errors ?? {}).flat()[0] ?? 'Từ khóa tìm kiếm không hợp lệ.')
      : 'Không tải được danh sách bài viết.';
  } finally {
    list.items.setAttribute('aria-busy', 'false');
  }
}

function setUpList() {
  list.searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    history.pushState(null, '', urlWith({ q: list.searchInput.value.trim() }));
    loadList();
  });
  list.prev.addEventListener('click', () => list.page?.links.prev && loadList({ link: list.page.links.prev }));
  list.next.addEventListener('click', () => list.page?.links.next && loadList({ link: list.page.links.next }));
  list.items.addEventListener('click', (event) => {
    const link = event.target.closest('a.article-link');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    history.pushState(null, '', urlWith({ slug: link.closest('li').dataset.slug }));
    loadArticle({ focus: true });
  });
  // Back/forward, and a changed #slug, both come here.
  window.addEventListener('popstate', () => {
    loadArticle();
    loadList();
  });
}

// Start --------------------------------------------------------------------------------------------------------

setUpReadingControls();
setUpList();
const contact = api.contactHeader().then(
  (header) => renderContact($('contact'), header),
  () => renderContact($('contact'), null));
await Promise.all([contact, loadArticle(), loadList()]);
// Lets tests and tools wait for the first complete render.
document.documentElement.dataset.ready = 'true';
