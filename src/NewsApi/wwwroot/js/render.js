// Builds the page's parts from API resources. Text goes in with textContent only: nothing from the API is HTML.

const ROLE_LABELS = {
  text: 'Bài',
  photo: 'Ảnh',
  video: 'Video',
  graphics: 'Đồ họa',
  translation: 'Dịch',
  compilation: 'Tổng hợp',
};

const SITE_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: SITE_TIME_ZONE, dateStyle: 'full' });
const shortDateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: SITE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'text') {
      node.textContent = value;
    } else if (name === 'className') {
      node.className = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

export function roleLabel(role) {
  return ROLE_LABELS[role] ?? role;
}

export function renderContact(container, contact) {
  const address = container.querySelector('#contact-address');
  const phones = container.querySelector('#contact-phones');
  if (!contact) {
    container.hidden = true;
    return;
  }
  address.textContent = contact.address;
  const links = contact.phones.map((phone) =>
    element('a', { className: 'contact-phone', href: `tel:${phone.e164}`, text: phone.display, 'aria-label': `Gọi ${phone.display}` }));
  if (contact.email) {
    links.push(element('a', { className: 'contact-email', href: `mailto:${contact.email}`, text: contact.email }));
  }
  phones.replaceChildren(...links.flatMap((link, i) => (i === 0 ? [link] : [' · ', link])));
  container.hidden = false;
}

/** The lead, with the dateline that opens it ("Sáng 10-12") set apart as the print edition does. */
function leadNodes(lead, dateline) {
  if (!dateline?.text || !lead.startsWith(dateline.text)) {
    return [lead];
  }
  const label = dateline.date
    ? element('time', { datetime: dateline.date, text: dateline.text })
    : document.createTextNode(dateline.text);
  return [element('span', { className: 'dateline' }, [label]), lead.slice(dateline.text.length)];
}

function creditNodes(credit) {
  const name = element('span', { className: 'contributor', text: credit.name });
  if (credit.roles.length === 0) {
    return [name];
  }
  const roles = element('span', { className: 'roles', text: ` (${credit.roles.map(roleLabel).join(', ')})` });
  return [name, roles];
}

// The reading column is at most 48rem wide: the browser picks the narrowest rendition covering that (or the viewport).
const SIZES = '(max-width: 48rem) 100vw, 48rem';

function srcset(renditions, format) {
  return renditions.filter((r) => r.format === format).map((r) => `${r.url} ${r.width}w`).join(', ');
}

/**
 * A placed photo as a figure: a picture with AVIF and WebP sources and a JPEG (or PNG) img, each with a srcset of the
 * renditions, its width and height (no layout shift), alt text, caption and credit. Photos below the fold load lazily;
 * the feature image, the first thing seen, does not.
 */
function figureOf(photo, { lazy }) {
  const image = photo.image;
  if (!image?.url) {
    return null;
  }
  const fallback = image.renditions.some((r) => r.format === 'png') ? 'png' : 'jpeg';
  const sources = ['avif', 'webp']
    .filter((format) => image.renditions.some((r) => r.format === format))
    .map((format) => element('source', { type: `image/${format}`, srcset: srcset(image.renditions, format), sizes: SIZES }));
  const imgProps = { src: image.url, alt: photo.alt ?? '', width: image.width, height: image.height, decoding: 'async' };
  if (image.renditions.some((r) => r.format === fallback)) {
    Object.assign(imgProps, { srcset: srcset(image.renditions, fallback), sizes: SIZES });
  }
  if (lazy) {
    imgProps.loading = 'lazy';
  }
  const caption = [];
  if (photo.caption) {
    caption.push(element('span', { className: 'caption', text: photo.caption }));
  }
  if (photo.credit) {
    caption.push(element('span', { className: 'credit', text: `Ảnh: ${photo.credit.text}` }));
  }
  return element('figure', { className: 'photo', 'data-media-id': photo.mediaId }, [
    element('picture', {}, [...sources, element('img', imgProps)]),
    ...(caption.length > 0 ? [element('figcaption', {}, caption)] : []),
  ]);
}

function blockNode(block) {
  if (block.type === 'image') {
    return figureOf(block, { lazy: true });
  }
  return element('p', { className: `block block-${block.type}`, text: block.text });
}

export function renderArticle(parts, article) {
  parts.headline.textContent = article.headline;
  parts.meta.replaceChildren(...(article.publishedAt
    ? [element('time', { datetime: article.publishedAt, text: dateFormat.format(new Date(article.publishedAt)) })]
    : []));
  parts.lead.replaceChildren(...leadNodes(article.lead, article.dateline));
  const feature = article.featureImage ? figureOf(article.featureImage, { lazy: false }) : null;
  parts.feature.replaceChildren(...(feature ? [feature] : []));
  parts.feature.hidden = !feature;
  parts.body.replaceChildren(...article.body.map(blockNode).filter((node) => node !== null));

  const byline = article.byline;
  if (!byline) {
    parts.byline.hidden = true;
  } else {
    const credits = byline.credits.length > 0
      ? byline.credits.flatMap((credit, i) => (i === 0 ? creditNodes(credit) : ['; ', ...creditNodes(credit)]))
      : [byline.text];
    parts.bylineCredits.replaceChildren(...credits);
    parts.bylineCredits.title = byline.text;
    parts.bylineSource.hidden = !byline.source;
    parts.bylineSource.textContent = byline.source ? `Nguồn: ${byline.source}` : '';
    parts.byline.hidden = false;
  }
  document.title = article.headline;
}

export const articleHref = (slug) => `/?slug=${encodeURIComponent(slug)}`;
export const sectionHref = (slug) => `/?section=${encodeURIComponent(slug)}`;
export const tagHref = (slug) => `/?tag=${encodeURIComponent(slug)}`;

function shortDate(item) {
  return item.publishedAt
    ? [element('time', { className: 'article-date', datetime: item.publishedAt, text: shortDateFormat.format(new Date(item.publishedAt)) })]
    : [];
}

export function renderList(list, items, currentSlug) {
  list.replaceChildren(...items.map((item) => {
    const link = element('a', { className: 'article-link', href: articleHref(item.slug), text: item.headline });
    if (item.slug === currentSlug) {
      link.setAttribute('aria-current', 'page');
    }
    return element('li', { className: 'article-item', 'data-slug': item.slug }, [link, ...shortDate(item)]);
  }));
}

/** A section's or tag's articles in the main column: headline, date and lead. */
export function renderListing(list, items) {
  list.replaceChildren(...items.map((item) => element('li', { className: 'listing-item', 'data-slug': item.slug }, [
    element('h2', { className: 'listing-title' }, [element('a', { className: 'listing-link', href: articleHref(item.slug), text: item.headline })]),
    ...shortDate(item),
    ...(item.lead ? [element('p', { className: 'listing-lead', text: item.lead })] : []),
  ])));
}

/** Where a listing sits: the home page, then each link above it; the last crumb is this page. */
export function renderBreadcrumb(list, crumbs) {
  list.replaceChildren(...crumbs.map((crumb, i) => element('li', {}, [i === crumbs.length - 1
    ? element('span', { 'aria-current': 'page', text: crumb.name })
    : element('a', { href: crumb.href, text: crumb.name })])));
}

/**
 * The section menu: top sections as links, each with a button that shows or hides its subsections (a disclosure, as
 * the WAI-ARIA navigation example does: every link stays a plain link, reachable with Tab).
 */
export function renderSectionMenu(menu, tree) {
  const children = new Map();
  for (const section of tree) {
    if (section.parentId !== null) {
      children.set(section.parentId, [...(children.get(section.parentId) ?? []), section]);
    }
  }
  const link = (section, className) =>
    element('a', { className, href: sectionHref(section.slug), 'data-section': section.slug, text: section.name });
  menu.replaceChildren(...tree.filter((section) => section.parentId === null).map((top) => {
    const subsections = children.get(top.id) ?? [];
    if (subsections.length === 0) {
      return element('li', { className: 'section-item' }, [link(top, 'section-link')]);
    }
    const submenuId = `submenu-${top.id}`;
    const toggle = element('button', {
      type: 'button', className: 'submenu-toggle', 'aria-expanded': 'false', 'aria-controls': submenuId,
    }, [element('span', { className: 'visually-hidden', text: `Các mục của ${top.name}` })]);
    const submenu = element('ul', { className: 'submenu', id: submenuId, hidden: '' },
      subsections.map((sub) => element('li', { className: 'submenu-item' }, [link(sub, 'subsection-link')])));
    return element('li', { className: 'section-item has-submenu' }, [link(top, 'section-link'), toggle, submenu]);
  }));
}

/** The article's section and tags, as links to their pages. */
export function renderTopics(parts, article) {
  const section = article.section;
  parts.topicSection.hidden = !section;
  if (section) {
    parts.sectionRef.href = sectionHref(section.slug);
    parts.sectionRef.textContent = section.name;
  }
  const tags = article.tags ?? [];
  parts.tagList.replaceChildren(...tags.map((tag) =>
    element('li', {}, [element('a', { className: 'tag-link', href: tagHref(tag.slug), text: tag.name })])));
  parts.topicTags.hidden = tags.length === 0;
  parts.topics.hidden = !section && tags.length === 0;
}

/** "Tin liên quan": up to five links with their dates; no box at all when there is nothing to show. */
export function renderRelated(parts, items) {
  parts.relatedList.replaceChildren(...items.slice(0, 5).map((item) => element('li', { className: 'related-item', 'data-slug': item.slug }, [
    element('a', { className: 'related-link', href: articleHref(item.slug), text: item.headline }),
    ...shortDate(item),
  ])));
  parts.related.hidden = items.length === 0;
}
