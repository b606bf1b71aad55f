// The reader page, all from the public API: the contact header, reading controls, the section menu, the latest
// articles with search and paging, and in the main column one of: the newest published article (or ?slug= / #slug)
// with its section, tags and related articles; a section's articles (?section=); a tag's articles (?tag=).
import * as api from './api.js';
import {
  renderArticle, renderBreadcrumb, renderContact, renderList, renderListing, renderRelated, renderSectionMenu, renderTopics,
  sectionHref,
} from './render.js';
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
  topics: $('topics'),
  topicSection: $('topic-section'),
  sectionRef: $('section-ref'),
  topicTags: $('topic-tags'),
  tagList: $('tag-list'),
  related: $('related'),
  relatedList: $('related-list'),
};

const listing = {
  root: $('listing'),
  breadcrumb: $('breadcrumb-list'),
  kind: $('listing-kind'),
  heading: $('listing-heading'),
  status: $('listing-status'),
  items: $('listing-list'),
  pager: $('listing-pager'),
  prev: $('listing-prev'),
  next: $('listing-next'),
  position: $('listing-position'),
  source: null,
  page: null,
};

const menu = {
  nav: $('sections'),
  toggle: $('sections-toggle'),
  list: $('section-menu'),
  // The tree once loaded; section pages read their parents' names from it.
  tree: null,
  // What the menu marks as current: the page's own section (aria-current="page") or the article's (="true").
  current: null,
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
// Counts navigations, so that an answer arriving after the reader has moved on is dropped.
let navigation = 0;
// The view the main column shows or is loading (viewKey()), so a jump within the page does not reload it.
let shownView = null;

function wantedSlug() {
  const fromQuery = new URLSearchParams(location.search).get('slug');
  const hash = decodeURIComponent(location.hash.slice(1));
  // A fragment naming an element of this page (the skip link's #main) is not an article.
  const fromHash = hash && !document.getElementById(hash) ? hash : null;
  return fromQuery || fromHash || null;
}

/** What the main column shows: an article (a slug, or the newest when null), a section's articles or a tag's. */
function wantedView() {
  const params = new URLSearchParams(location.search);
  const slug = wantedSlug();
  if (slug) {
    return { kind: 'article', slug };
  }
  if (params.get('section')) {
    return { kind: 'section', slug: params.get('section') };
  }
  if (params.get('tag')) {
    return { kind: 'tag', slug: params.get('tag') };
  }
  return { kind: 'article', slug: null };
}

function viewKey() {
  const view = wantedView();
  return `${view.kind}:${view.slug ?? ''}`;
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

// The main column ------------------------------------------------------------------------------------------------

/** Shows or hides the listing; its heading leaves the page with it, so the page has one h1 at a time. */
function showListing(shown) {
  listing.root.hidden = !shown;
  if (shown && !listing.heading.isConnected) {
    listing.kind.after(listing.heading);
  } else if (!shown) {
    listing.heading.remove();
  }
}

/** A message in place of the article or listing: loading, nothing found, or an error. */
function showMessage(message) {
  parts.status.textContent = message;
  parts.status.hidden = false;
  parts.article.hidden = true;
  parts.article.setAttribute('aria-busy', 'false');
  showListing(false);
}

function focusHeading(heading) {
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}

async function loadArticle(wanted, token, { focus }) {
  parts.article.setAttribute('aria-busy', 'true');
  try {
    let slug = wanted;
    if (!slug) {
      const newest = await api.articles({ pageSize: 1 });
      if (token !== navigation) {
        return;
      }
      if (newest.items.length === 0) {
        showMessage('Chưa có bài viết nào được đăng.');
        return;
      }
      slug = newest.items[0].slug;
    }
    const article = await api.article(slug);
    if (token !== navigation) {
      return;
    }
    currentSlug = article.slug;
    if (wanted && wanted !== article.slug) {
      // An old slug (answered 308 by the API): show the current one in the address bar.
      history.replaceState(null, '', urlWith({ slug: article.slug }));
      shownView = viewKey();
    }
    renderArticle(parts, article);
    renderTopics(parts, article);
    renderRelated(parts, []);
    showListing(false);
    parts.status.hidden = true;
    parts.article.hidden = false;
    parts.article.setAttribute('aria-busy', 'false');
    markCurrentInList();
    markMenu(article.section?.path ?? null, false);
    if (focus) {
      focusHeading(parts.headline);
    }
    const related = await api.related(article.slug);
    if (token === navigation) {
      renderRelated(parts, related);
    }
  } catch (error) {
    if (token === navigation) {
      showMessage(error instanceof api.ApiError && error.status === 404
        ? 'Không tìm thấy bài viết này. Mời bạn chọn một bài trong danh sách.'
        : 'Không tải được bài viết. Vui lòng thử lại sau.');
    }
  }
}

function showListingPage(page) {
  listing.page = page;
  renderListing(listing.items, page.items);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  listing.status.textContent = page.total === 0
    ? (listing.source.kind === 'sections' ? 'Chuyên mục này chưa có bài viết nào.' : 'Chưa có bài viết nào thuộc chủ đề này.')
    : `${page.total} bài viết`;
  listing.position.textContent = `Trang ${page.page}/${pages}`;
  listing.prev.disabled = !page.links.prev;
  listing.next.disabled = !page.links.next;
  listing.pager.hidden = pages <= 1;
}

async function loadListingPage(link) {
  const source = listing.source;
  listing.items.setAttribute('aria-busy', 'true');
  try {
    const page = await api.articlesOf(source.kind, source.slug, { link });
    if (listing.source === source) {
      showListingPage(page);
    }
  } catch {
    if (listing.source === source) {
      listing.status.textContent = 'Không tải được danh sách bài viết.';
    }
  } finally {
    listing.items.setAttribute('aria-busy', 'false');
  }
}

function setUpListing() {
  showListing(false);
  listing.prev.addEventListener('click', () => listing.page?.links.prev && loadListingPage(listing.page.links.prev));
  listing.next.addEventListener('click', () => listing.page?.links.next && loadListingPage(listing.page.links.next));
}

/** The names of a section's ancestors, top first, from the menu's tree (or asked for when the tree did not load). */
async function ancestorsOf(section) {
  const ancestors = [];
  let parentId = section.parentId;
  while (parentId !== null && ancestors.length < 16) {
    const parent = menu.tree?.find((s) => s.id === parentId) ?? await api.section(String(parentId));
    ancestors.unshift(parent);
    parentId = parent.parentId;
  }
  return ancestors;
}

const LISTINGS = {
  section: {
    kind: 'sections',
    label: 'Chuyên mục',
    find: api.section,
    notFound: (slug) => `Không tìm thấy chuyên mục “${slug}”. Mời bạn chọn một chuyên mục trong trình đơn.`,
  },
  tag: {
    kind: 'tags',
    label: 'Chủ đề',
    find: api.tag,
    notFound: (slug) => `Không tìm thấy chủ đề “${slug}”. Mời bạn chọn một bài trong danh sách.`,
  },
};

async function loadListing(wanted, token, { focus }) {
  const kind = LISTINGS[wanted.kind];
  if (listing.root.hidden) {
    showMessage('Đang tải danh sách bài viết…');
  }
  try {
    const owner = await kind.find(wanted.slug);
    const ancestors = wanted.kind === 'section' ? await ancestorsOf(owner) : [];
    const source = { kind: kind.kind, slug: owner.slug };
    const page = await api.articlesOf(source.kind, source.slug);
    if (token !== navigation) {
      return;
    }
    if (owner.slug !== wanted.slug) {
      // An old slug (answered 308 by the API): show the current one in the address bar.
      history.replaceState(null, '', urlWith({ [wanted.kind]: owner.slug }));
      shownView = viewKey();
    }
    currentSlug = null;
    listing.source = source;
    renderBreadcrumb(listing.breadcrumb, [
      { name: 'Trang chủ', href: '/' },
      ...ancestors.map((section) => ({ name: section.name, href: sectionHref(section.slug) })),
      { name: owner.name },
    ]);
    listing.kind.textContent = kind.label;
    listing.kind.hidden = false;
    listing.heading.textContent = owner.name;
    listing.root.dataset.kind = wanted.kind;
    showListingPage(page);
    parts.status.hidden = true;
    parts.article.hidden = true;
    showListing(true);
    document.title = `${kind.label}: ${owner.name}`;
    markCurrentInList();
    markMenu(wanted.kind === 'section' ? owner.path : null, true);
    if (focus) {
      focusHeading(listing.heading);
    }
  } catch (error) {
    if (token !== navigation) {
      return;
    }
    listing.source = null;
    markMenu(null, false);
    showMessage(error instanceof api.ApiError && error.status === 404
      ? kind.notFound(wanted.slug)
      : 'Không tải được danh sách bài viết. Vui lòng thử lại sau.');
    document.title = 'Không tìm thấy';
  }
}

/** Shows what the address asks for in the main column. */
async function route({ focus = false } = {}) {
  const token = ++navigation;
  const wanted = wantedView();
  shownView = viewKey();
  if (wanted.kind === 'article') {
    await loadArticle(wanted.slug, token, { focus });
  } else {
    await loadListing(wanted, token, { focus });
  }
}

// The section menu -----------------------------------------------------------------------------------------------

/**
 * Marks the section at `path` (slugs from the top, joined by "/") and its ancestors: the section whose page this is
 * gets aria-current="page", an article's section and every ancestor aria-current="true".
 */
function markMenu(path, isItsPage) {
  menu.current = { path, isItsPage };
  const slugs = path ? path.split('/') : [];
  for (const link of menu.list.querySelectorAll('a[data-section]')) {
    const depth = slugs.indexOf(link.dataset.section);
    if (depth === -1) {
      link.removeAttribute('aria-current');
    } else {
      link.setAttribute('aria-current', isItsPage && depth === slugs.length - 1 ? 'page' : 'true');
    }
  }
}

function setSubmenu(toggle, open) {
  toggle.setAttribute('aria-expanded', String(open));
  document.getElementById(toggle.getAttribute('aria-controls')).hidden = !open;
}

function closeMenus() {
  for (const toggle of menu.list.querySelectorAll('.submenu-toggle[aria-expanded="true"]')) {
    setSubmenu(toggle, false);
  }
  menu.toggle.setAttribute('aria-expanded', 'false');
}

async function loadMenu() {
  try {
    menu.tree = await api.sections();
  } catch {
    menu.tree = null; // No menu, and the rest of the page works as before.
  }
  if (!menu.tree || menu.tree.length === 0) {
    menu.nav.hidden = true;
    return;
  }
  renderSectionMenu(menu.list, menu.tree);
  menu.nav.hidden = false;
  if (menu.current) {
    markMenu(menu.current.path, menu.current.isItsPage);
  }
}

function setUpMenu() {
  menu.toggle.addEventListener('click', () => {
    menu.toggle.setAttribute('aria-expanded', String(menu.toggle.getAttribute('aria-expanded') !== 'true'));
  });
  menu.list.addEventListener('click', (event) => {
    const toggle = event.target.closest('.submenu-toggle');
    if (!toggle) {
      return;
    }
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    for (const other of menu.list.querySelectorAll('.submenu-toggle[aria-expanded="true"]')) {
      setSubmenu(other, false);
    }
    setSubmenu(toggle, open);
  });
  // Escape closes an open submenu and returns to its button; so does leaving it with Tab or a click elsewhere.
  menu.nav.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') {
      return;
    }
    const item = event.target.closest('.has-submenu');
    const toggle = item?.querySelector('.submenu-toggle[aria-expanded="true"]');
    if (toggle) {
      setSubmenu(toggle, false);
      toggle.focus();
    } else if (menu.toggle.getAttribute('aria-expanded') === 'true') {
      menu.toggle.setAttribute('aria-expanded', 'false');
      menu.toggle.focus();
    }
  });
  menu.list.addEventListener('focusout', (event) => {
    const item = event.target.closest('.has-submenu');
    const toggle = item?.querySelector('.submenu-toggle[aria-expanded="true"]');
    if (toggle && !item.contains(event.relatedTarget) && event.relatedTarget !== null) {
      setSubmenu(toggle, false);
    }
  });
  document.addEventListener('click', (event) => {
    if (!menu.nav.contains(event.target)) {
      for (const toggle of menu.list.querySelectorAll('.submenu-toggle[aria-expanded="true"]')) {
        setSubmenu(toggle, false);
      }
    }
  });
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
  // Back/forward, and a changed #slug, both come here. A jump to an element of the page (the skip link) changes
  // neither view nor list.
  window.addEventListener('popstate', () => {
    if (viewKey() === shownView && wantedQuery() === list.searchInput.value) {
      return;
    }
    route();
    loadList();
  });
}

/** Links to this page (articles, sections, tags, home) change the view in place, with a history entry. */
function setUpLinks() {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey || link.target || link.getAttribute('href').startsWith('#')
      || link.origin !== location.origin || link.pathname !== '/') {
      return;
    }
    event.preventDefault();
    const params = new URL(link.href).searchParams;
    history.pushState(null, '', urlWith({ slug: params.get('slug'), section: params.get('section'), tag: params.get('tag') }));
    closeMenus();
    route({ focus: true });
  });
}

// Start --------------------------------------------------------------------------------------------------------

setUpReadingControls();
setUpMenu();
setUpListing();
setUpList();
setUpLinks();
const contact = api.contactHeader().then(
  (header) => renderContact($('contact'), header),
  () => renderContact($('contact'), null));
await Promise.all([contact, loadMenu(), route(), loadList()]);
// Lets tests and tools wait for the first complete render.
document.documentElement.dataset.ready = 'true';
